// TlsFiles: the PEM files of one HTTPS listener, read into memory for libmicrohttpd, and the
// GnuTLS priority string that limits it to TLS 1.2 and 1.3 with the BCP 195 cipher suites.
#ifndef VCISSUER_DAEMON_HTTP_TLS_FILES_H_
#define VCISSUER_DAEMON_HTTP_TLS_FILES_H_

#include <string>

#include "crypto/base/result.h"
#include "crypto/base/secret.h"

namespace vci::http {

// kTlsPriorities: TLS 1.3 and 1.2 only (RFC 9325 section 3.1.1 forbids 1.0 and 1.1); for 1.2
// only ECDHE with AEAD ciphers (RFC 9325 section 4.2: the four TLS_ECDHE_*_AES_*_GCM suites,
// plus ChaCha20-Poly1305 from RFC 7905), no SHA-1 signatures, and secure renegotiation.
inline constexpr char kTlsPriorities[] =
    "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:"
    "+CHACHA20-POLY1305:-MAC-ALL:+AEAD:-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:-SIGN-RSA-SHA1:"
    "-SIGN-ECDSA-SHA1:-SIGN-DSA-SHA1:%SAFE_RENEGOTIATION";

struct TlsFiles {
  std::string certificate_pem;  // NUL-terminated by std::string.
  SecretBytes key_pem;          // Ends with a NUL, for libmicrohttpd's C string.
  std::string client_ca_pem;    // Empty: no client certificates asked for.
};

// LoadTlsFiles reads the certificate chain, the private key and (when `client_ca_file` is not
// empty) the client CA file, each at most 1 MiB. kInvalidArgument naming the file when one cannot
// be read, is empty or is too large. The key is read straight into wiping memory.
Result<TlsFiles> LoadTlsFiles(const std::string& certificate_file, const std::string& key_file,
                              const std::string& client_ca_file);

}  // namespace vci::http

#endif  // VCISSUER_DAEMON_HTTP_TLS_FILES_H_
