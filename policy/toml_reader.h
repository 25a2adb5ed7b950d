// TOML reading helpers shared by the policy loader and the daemon's configuration loader.
//
// TableReader reads one TOML table key by key, checks each value's type and range, and reports
// every problem to a Diagnostics with the file, line and column of the offending key or value.
// Keys nobody asked for are reported by RejectUnknownKeys(), so a typo is an error rather than a
// silently ignored setting.
#ifndef VCISSUER_POLICY_TOML_READER_H_
#define VCISSUER_POLICY_TOML_READER_H_

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "policy/diagnostics.h"

namespace vci::policy {

// ParseTomlDocument parses `text`. On success it returns the root table; on a syntax error it adds
// one diagnostic at the parser's position and returns nullopt. It never throws: toml++ is built
// with exceptions, and this is the one place they are caught.
std::optional<toml::table> ParseTomlDocument(std::string_view text, std::string_view source,
                                             Diagnostics* diags);

// TomlTypeName returns the TOML name of a node's type ("string", "integer", "table", ...).
std::string_view TomlTypeName(const toml::node& node);

class TableReader {
 public:
  // TableReader reads `table`, naming it `context` in messages ("[pkcs11]", "client 'hr'").
  // `table` and `diags` are borrowed and must outlive the reader. Not thread-safe.
  TableReader(const toml::table& table, std::string context, std::string_view source,
              Diagnostics* diags);

  // A copy would report the same unknown keys twice.
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;
  ~TableReader() = default;

  // Node marks `key` as known and returns its value, or nullptr when absent.
  const toml::node* Node(std::string_view key);

  // String returns the string at `key`; nullopt when absent (reported if `required`) or not a
  // string (always reported).
  std::optional<std::string> String(std::string_view key, bool required);

  // Integer returns the integer at `key` if it lies in [min, max]; nullopt when absent (reported
  // if `required`), of another type or out of range (reported).
  std::optional<int64_t> Integer(std::string_view key, bool required, int64_t min, int64_t max);

  // Number returns an integer or float at `key` as a double; nullopt when absent or mistyped.
  std::optional<double> Number(std::string_view key);

  // Boolean returns the boolean at `key`; nullopt when absent or mistyped (reported).
  std::optional<bool> Boolean(std::string_view key);

  // Table returns the table at `key`; nullptr when absent (reported if `required`) or mistyped.
  const toml::table* Table(std::string_view key, bool required);

  // Array returns the array at `key`; nullptr when absent or mistyped (reported).
  const toml::array* Array(std::string_view key);

  // Tables returns the tables of an array of tables at `key` (TOML [[key]] or an array of inline
  // tables); elements of other types are reported and skipped.
  std::vector<const toml::table*> Tables(std::string_view key);

  // Strings returns the strings of an array at `key`; nullopt when absent. Elements of other
  // types are reported and skipped.
  std::optional<std::vector<std::string>> Strings(std::string_view key);

  // Forbid reports `key` when present, with `reason` saying what to do instead.
  void Forbid(std::string_view key, std::string_view reason);

  // ReportAt reports `sentence` at the position of `node`.
  void ReportAt(const toml::node& node, std::string_view sentence);

  // ReportKey reports "<key> in <context> <sentence>" at the position of `key`'s value, or at the
  // table when the key is absent.
  void ReportKey(std::string_view key, std::string_view sentence);

  // ReportHere reports "<context> <sentence>" at the table's position.
  void ReportHere(std::string_view sentence);

  // RejectUnknownKeys reports every key of the table that no accessor asked for, listing the keys
  // that are allowed. Call it once, after reading everything.
  void RejectUnknownKeys();

  const std::string& context() const { return context_; }

  std::string_view source() const { return source_; }

  Diagnostics* diags() const { return diags_; }

  const toml::table& table() const { return table_; }

 private:
  void ReportWrongType(std::string_view key, const toml::node& node, std::string_view expected);

  const toml::table& table_;
  std::string context_;
  std::string source_;
  Diagnostics* diags_;  // Not owned.
  std::set<std::string, std::less<>> known_keys_;
};

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_TOML_READER_H_
