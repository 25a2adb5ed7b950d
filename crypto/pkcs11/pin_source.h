// Where the token PIN comes from: a file, or a systemd credential (LoadCredential=). Never argv,
// never the environment, never the configuration file itself.
#ifndef VCISSUER_CRYPTO_PKCS11_PIN_SOURCE_H_
#define VCISSUER_CRYPTO_PKCS11_PIN_SOURCE_H_

#include <string>

#include "crypto/base/result.h"
#include "crypto/base/secret.h"

namespace vci::pkcs11 {

// ReadPinFile returns the PIN held in the file at `path`, without one trailing "\n" or "\r\n".
// Fails with kNotFound when the file cannot be opened, kInvalidArgument when it is empty, longer
// than 256 bytes, holds a NUL or a line break inside, or is readable by group or others (mode
// & 077; the message says to chmod 600). The buffer read into is wiped.
Result<SecretBytes> ReadPinFile(const std::string& path);

// ReadPinCredential returns the PIN in the systemd credential `name`: the file `name` in the
// directory $CREDENTIALS_DIRECTORY. kFailedPrecondition when that variable is unset (not started
// by systemd with LoadCredential=), kInvalidArgument when `name` contains '/', otherwise as
// ReadPinFile (without the mode check: systemd sets it).
Result<SecretBytes> ReadPinCredential(const std::string& name);

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_PIN_SOURCE_H_
