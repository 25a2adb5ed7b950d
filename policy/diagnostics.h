// Diagnostics: every problem found in a configuration or policy file, collected so that an
// officer sees all of them in one run instead of fixing one error per restart.
#ifndef VCISSUER_POLICY_DIAGNOSTICS_H_
#define VCISSUER_POLICY_DIAGNOSTICS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/base/error.h"

namespace vci::policy {

class Diagnostics {
 public:
  // kMaxEntries bounds the report; further problems are counted, not listed.
  static constexpr size_t kMaxEntries = 100;

  // Add records "source:line:column: sentence". Line and column are 1-based; 0 means unknown and
  // is printed as 1 so the location stays machine-readable.
  void Add(std::string_view source, uint32_t line, uint32_t column, std::string_view sentence);

  bool empty() const { return num_total_ == 0; }

  size_t size() const { return num_total_; }

  // Lines returns the recorded entries ordered by file (in the order files first appeared), then
  // line, then column.
  std::vector<std::string> Lines() const;

  // ToError returns an Error with `code` whose message is `summary` followed by one entry per
  // line, ordered as Lines(). The entries name files and positions only, never a secret.
  Error ToError(ErrorCode code, std::string_view summary) const;

 private:
  struct Entry {
    size_t source_index;
    uint32_t line;
    uint32_t column;
    std::string text;
  };

  std::vector<Entry> entries_;
  std::vector<std::string> sources_;
  size_t num_total_ = 0;
};

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_DIAGNOSTICS_H_
