// Headers: HTTP header fields with case-insensitive names (RFC 9110 section 5.1).
#ifndef VCISSUER_DAEMON_HTTP_HEADERS_H_
#define VCISSUER_DAEMON_HTTP_HEADERS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vci::http {

// EqualsIgnoreCase compares two ASCII strings without regard to letter case.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

class Headers {
 public:
  // Add appends a field; repeated names are kept in arrival order.
  void Add(std::string name, std::string value) {
    entries_.emplace_back(std::move(name), std::move(value));
  }

  // Get returns the value of the first field named `name` (any case), or nullopt. The view is
  // valid while this object is alive and unchanged.
  std::optional<std::string_view> Get(std::string_view name) const;

  // GetAll returns the values of every field named `name` (any case), in arrival order.
  std::vector<std::string_view> GetAll(std::string_view name) const;

  // entries returns all fields in arrival order.
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

}  // namespace vci::http

#endif  // VCISSUER_DAEMON_HTTP_HEADERS_H_
