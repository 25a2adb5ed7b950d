// Loading the issuance policy from a directory of TOML files.
//
// The policy directory holds *.toml files, read in sorted order and merged: configurations and
// clients from all files form one policy, and ids, client names and token hashes must be unique
// across files. At most one file may have an [issuer] table. Files without the .toml suffix are
// ignored (so an editor's backup or a README can sit beside them).
#ifndef VCISSUER_POLICY_POLICY_LOADER_H_
#define VCISSUER_POLICY_POLICY_LOADER_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crypto/base/result.h"
#include "policy/policy.h"

namespace vci::policy {

// kMaxPolicyFileBytes bounds each file read from the policy directory.
inline constexpr size_t kMaxPolicyFileBytes = 1 << 20;

// LoadPolicyDir reads every *.toml file in `dir` (not recursing) and returns the merged, checked
// policy. Failures: kNotFound if `dir` is not a readable directory or holds no *.toml file;
// kUnavailable if a file cannot be read; kInvalidArgument if any file is invalid, with one
// "file:line:column: problem" line per problem in the message. Thread-compatible.
Result<Policy> LoadPolicyDir(const std::string& dir);

// ParsePolicyText checks one policy document, named `source_name` in messages. Same errors as
// LoadPolicyDir for the content.
Result<Policy> ParsePolicyText(std::string_view text, std::string_view source_name);

// PolicyFile is the name (for messages) and the text of one policy file.
struct PolicyFile {
  std::string name;
  std::string text;
};

// ParsePolicyFiles merges `files` in the given order, as LoadPolicyDir does after reading them.
Result<Policy> ParsePolicyFiles(const std::vector<PolicyFile>& files);

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_POLICY_LOADER_H_
