// Reading the small files the officer names on the command line: a claims file, a policy file,
// and the admin client's bearer token.
#ifndef VCISSUER_CLI_SMALL_FILE_H_
#define VCISSUER_CLI_SMALL_FILE_H_

#include <cstddef>
#include <string>

#include "crypto/base/result.h"
#include "crypto/base/secret.h"

namespace vci::cli {

// kMaxTokenFileBytes bounds a bearer token file.
inline constexpr size_t kMaxTokenFileBytes = 4096;

// ReadSmallFile returns the contents of the file at `path`. Fails with kNotFound when it cannot
// be opened, kInvalidArgument when it is larger than `max_bytes`, kUnavailable on a read error.
Result<std::string> ReadSmallFile(const std::string& path, size_t max_bytes);

// ReadBearerTokenFile returns the token held in the file at `path`, without one trailing "\n" or
// "\r\n". Fails as ReadSmallFile (bound kMaxTokenFileBytes), and with kInvalidArgument when the
// token is empty or holds a space or a control character. The token never appears in a message,
// and the buffer it was read into is wiped.
Result<SecretBytes> ReadBearerTokenFile(const std::string& path);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_SMALL_FILE_H_
