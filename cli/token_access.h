// Opening the token the daemon's configuration names, as the officer's key commands do.
#ifndef VCISSUER_CLI_TOKEN_ACCESS_H_
#define VCISSUER_CLI_TOKEN_ACCESS_H_

#include <memory>
#include <string>

#include "crypto/base/result.h"
#include "crypto/base/secret.h"
#include "crypto/pkcs11/token.h"
#include "daemon/config/config.h"

namespace vci::cli {

// ReadConfiguredPin returns the user PIN: from `pin_file_override` when it is not empty (the
// --pin-file option), else from the configuration's pin_file or pin_credential. PINs never come
// from argv or the environment. Failures as pkcs11::ReadPinFile / ReadPinCredential.
Result<SecretBytes> ReadConfiguredPin(const config::Pkcs11Config& pkcs11,
                                      const std::string& pin_file_override);

// OpenConfiguredToken reads the PIN as ReadConfiguredPin does and opens the configured token with
// the configured module. Failures as ReadConfiguredPin and pkcs11::Token::Open.
Result<std::unique_ptr<pkcs11::Token>> OpenConfiguredToken(const config::Pkcs11Config& pkcs11,
                                                           const std::string& pin_file_override);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_TOKEN_ACCESS_H_
