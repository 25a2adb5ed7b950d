#include "policy/diagnostics.h"

#include <algorithm>
#include <tuple>

namespace vci::policy {

void Diagnostics::Add(std::string_view source, uint32_t line, uint32_t column,
                      std::string_view sentence) {
  ++num_total_;
  if (entries_.size() >= kMaxEntries) {
    return;
  }
  auto known = std::find(sources_.begin(), sources_.end(), source);
  auto source_index = static_cast<size_t>(known - sources_.begin());
  if (known == sources_.end()) {
    sources_.emplace_back(source);
  }
  line = line == 0 ? 1 : line;
  column = column == 0 ? 1 : column;
  std::string text(source);
  text += ':' + std::to_string(line) + ':' + std::to_string(column) + ": ";
  text += sentence;
  entries_.push_back({source_index, line, column, std::move(text)});
}

std::vector<std::string> Diagnostics::Lines() const {
  std::vector<const Entry*> sorted;
  sorted.reserve(entries_.size());
  for (const Entry& entry : entries_) {
    sorted.push_back(&entry);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const Entry* a, const Entry* b) {
    return std::tie(a->source_index, a->line, a->column) <
           std::tie(b->source_index, b->line, b->column);
  });
  std::vector<std::string> out;
  out.reserve(sorted.size());
  for (const Entry* entry : sorted) {
    out.push_back(entry->text);
  }
  return out;
}

Error Diagnostics::ToError(ErrorCode code, std::string_view summary) const {
  std::string message(summary);
  for (const std::string& line : Lines()) {
    message += '\n';
    message += line;
  }
  if (num_total_ > entries_.size()) {
    message += "\n... and " + std::to_string(num_total_ - entries_.size()) + " more problems";
  }
  return Error(code, message);
}

}  // namespace vci::policy
