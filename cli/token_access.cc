#include "cli/token_access.h"

#include <utility>

#include "crypto/pkcs11/pin_source.h"

namespace vci::cli {

Result<SecretBytes> ReadConfiguredPin(const config::Pkcs11Config& pkcs11,
                                      const std::string& pin_file_override) {
  if (!pin_file_override.empty()) {
    return pkcs11::ReadPinFile(pin_file_override);
  }
  if (!pkcs11.pin_file.empty()) {
    return pkcs11::ReadPinFile(pkcs11.pin_file);
  }
  return pkcs11::ReadPinCredential(pkcs11.pin_credential);
}

Result<std::unique_ptr<pkcs11::Token>> OpenConfiguredToken(const config::Pkcs11Config& pkcs11,
                                                           const std::string& pin_file_override) {
  VCI_ASSIGN_OR_RETURN(SecretBytes pin, ReadConfiguredPin(pkcs11, pin_file_override));
  pkcs11::TokenOptions options;
  options.module_path = pkcs11.module;
  options.token_uri = pkcs11.token;
  options.pin = std::move(pin);
  options.max_sessions = 1;
  return pkcs11::Token::Open(std::move(options));
}

}  // namespace vci::cli
