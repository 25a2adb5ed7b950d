// The policy corpus: every file (or directory of files) under tests/policy/cases is a policy as a
// security officer might write it, valid or not, and says in its own comments what the checker
// must answer. A file case lists its expected diagnostics as comment lines
//   # expect: LINE:COLUMN: sentence
// and a directory case lists them, prefixed by the file name, in its file `expected`. A case
// without expectations must load. The whole answer must match: every expected sentence at its
// place, in order, and nothing else.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "policy/policy_loader.h"

namespace vci::policy {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kExpectPrefix = "# expect: ";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

// Expected returns the diagnostics a case expects, each as "file:line:column: sentence".
std::vector<std::string> Expected(const fs::path& path) {
  std::vector<std::string> out;
  if (fs::is_directory(path)) {
    for (const std::string& line : Lines(ReadFile(path / "expected"))) {
      if (!line.empty()) {
        out.push_back(line);
      }
    }
    return out;
  }
  for (const std::string& line : Lines(ReadFile(path))) {
    if (line.rfind(kExpectPrefix, 0) == 0) {
      out.push_back(path.filename().string() + ":" + line.substr(kExpectPrefix.size()));
    }
  }
  return out;
}

// Actual loads a case and returns its diagnostics with the directory part of each file removed.
std::vector<std::string> Actual(const fs::path& path, bool* loaded) {
  Result<Policy> policy = fs::is_directory(path)
                              ? LoadPolicyDir(path.string())
                              : ParsePolicyText(ReadFile(path), path.filename().string());
  *loaded = policy.has_value();
  if (*loaded) {
    return {};
  }
  std::vector<std::string> lines = Lines(policy.error().message());
  std::vector<std::string> out;
  std::string prefix = path.string() + "/";
  for (size_t i = 1; i < lines.size(); ++i) {  // The first line is the summary.
    std::string line = lines[i];
    for (size_t at = line.find(prefix); at != std::string::npos; at = line.find(prefix, at)) {
      line.erase(at, prefix.size());
    }
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(VCI_POLICY_CASES_DIR)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class PolicyCorpusTest : public testing::TestWithParam<std::string> {};

TEST_P(PolicyCorpusTest, AnswersAsTheCaseSays) {
  fs::path path = fs::path(VCI_POLICY_CASES_DIR) / GetParam();
  std::vector<std::string> expected = Expected(path);
  bool loaded = false;
  std::vector<std::string> actual = Actual(path, &loaded);
  if (expected.empty()) {
    EXPECT_TRUE(loaded) << testing::PrintToString(actual);
    return;
  }
  EXPECT_FALSE(loaded);
  EXPECT_EQ(actual, expected);
}

TEST(PolicyCorpus, HoldsAtLeastFortyCases) {
  EXPECT_GE(CaseNames().size(), 40U);
}

std::string CaseTestName(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(
      name.begin(), name.end(),
      [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, PolicyCorpusTest, testing::ValuesIn(CaseNames()), CaseTestName);

}  // namespace
}  // namespace vci::policy
