// Finding keys on the configured token for the `keys` commands.
#ifndef VCISSUER_CLI_KEY_LOOKUP_H_
#define VCISSUER_CLI_KEY_LOOKUP_H_

#include <memory>
#include <string>

#include "cli/command.h"
#include "crypto/base/result.h"
#include "crypto/pkcs11/key_info.h"
#include "crypto/pkcs11/token.h"

namespace vci::cli {

// Help text of every `--pin-file` option of the key commands.
inline constexpr char kPinFileHelp[] =
    "File holding the user PIN (mode 600); default: the configuration's pin_file or "
    "pin_credential";

// OpenToken loads the configuration at globals.config_path and opens its token with the PIN from
// `pin_file` (or the configuration's PIN source when empty). On failure it reports to stderr,
// sets `out_status` (3 for a configuration problem, otherwise as ExitCodeFor) and returns null.
std::unique_ptr<pkcs11::Token> OpenToken(const GlobalOptions& globals, const std::string& pin_file,
                                         int& out_status);

// FindKeyByLabel returns the one private or secret key labelled `label`: kNotFound when there is
// none, kInvalidArgument when several share the label.
Result<pkcs11::KeyInfo> FindKeyByLabel(pkcs11::Token& token, const std::string& label);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_KEY_LOOKUP_H_
