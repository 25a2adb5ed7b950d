#include "policy/toml_reader.h"

#include <exception>
#include <utility>

namespace vci::policy {
namespace {

void AddAt(Diagnostics* diags, std::string_view source, const toml::source_region& region,
           std::string_view sentence) {
  diags->Add(source, region.begin.line, region.begin.column, sentence);
}

}  // namespace

std::optional<toml::table> ParseTomlDocument(std::string_view text, std::string_view source,
                                             Diagnostics* diags) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    AddAt(diags, source, e.source(),
          "the file is not valid TOML: " + std::string(e.description()) + ".");
  } catch (const std::exception&) {
    diags->Add(source, 0, 0, "the file could not be parsed (out of memory?).");
  }
  return std::nullopt;
}

std::string_view TomlTypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "table";
    case toml::node_type::array:
      return "array";
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "float";
    case toml::node_type::boolean:
      return "boolean";
    case toml::node_type::date:
      return "date";
    case toml::node_type::time:
      return "time";
    case toml::node_type::date_time:
      return "date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

TableReader::TableReader(const toml::table& table, std::string context, std::string_view source,
                         Diagnostics* diags)
    : table_(table), context_(std::move(context)), source_(source), diags_(diags) {}

const toml::node* TableReader::Node(std::string_view key) {
  known_keys_.emplace(key);
  return table_.get(key);
}

std::optional<std::string> TableReader::String(std::string_view key, bool required) {
  const toml::node* node = Node(key);
  if (node == nullptr) {
    if (required) {
      ReportKey(key, "is required but missing.");
    }
    return std::nullopt;
  }
  if (const auto* value = node->as_string()) {
    return value->get();
  }
  ReportWrongType(key, *node, "a string");
  return std::nullopt;
}

std::optional<int64_t> TableReader::Integer(std::string_view key, bool required, int64_t min,
                                            int64_t max) {
  const toml::node* node = Node(key);
  if (node == nullptr) {
    if (required) {
      ReportKey(key, "is required but missing.");
    }
    return std::nullopt;
  }
  const auto* value = node->as_integer();
  if (value == nullptr) {
    ReportWrongType(key, *node, "an integer");
    return std::nullopt;
  }
  if (value->get() < min || value->get() > max) {
    ReportKey(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                       ", but is " + std::to_string(value->get()) + ".");
    return std::nullopt;
  }
  return value->get();
}

std::optional<double> TableReader::Number(std::string_view key) {
  const toml::node* node = Node(key);
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* i = node->as_integer()) {
    return static_cast<double>(i->get());
  }
  if (const auto* f = node->as_floating_point()) {
    return f->get();
  }
  ReportWrongType(key, *node, "a number");
  return std::nullopt;
}

std::optional<bool> TableReader::Boolean(std::string_view key) {
  const toml::node* node = Node(key);
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* value = node->as_boolean()) {
    return value->get();
  }
  ReportWrongType(key, *node, "true or false");
  return std::nullopt;
}

const toml::table* TableReader::Table(std::string_view key, bool required) {
  const toml::node* node = Node(key);
  if (node == nullptr) {
    if (required) {
      ReportKey(key, "is required but missing.");
    }
    return nullptr;
  }
  if (const auto* value = node->as_table()) {
    return value;
  }
  ReportWrongType(key, *node, "a table");
  return nullptr;
}

const toml::array* TableReader::Array(std::string_view key) {
  const toml::node* node = Node(key);
  if (node == nullptr) {
    return nullptr;
  }
  if (const auto* value = node->as_array()) {
    return value;
  }
  ReportWrongType(key, *node, "an array");
  return nullptr;
}

std::vector<const toml::table*> TableReader::Tables(std::string_view key) {
  std::vector<const toml::table*> out;
  const toml::array* array = Array(key);
  if (array == nullptr) {
    return out;
  }
  for (const toml::node& element : *array) {
    if (const auto* table = element.as_table()) {
      out.push_back(table);
    } else {
      ReportAt(element, "each element of " + std::string(key) + " in " + context_ +
                            " must be a table, not a " + std::string(TomlTypeName(element)) + ".");
    }
  }
  return out;
}

std::optional<std::vector<std::string>> TableReader::Strings(std::string_view key) {
  const toml::array* array = Array(key);
  if (array == nullptr) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const toml::node& element : *array) {
    if (const auto* value = element.as_string()) {
      out.push_back(value->get());
    } else {
      ReportAt(element, "each element of " + std::string(key) + " in " + context_ +
                            " must be a string, not a " + std::string(TomlTypeName(element)) + ".");
    }
  }
  return out;
}

void TableReader::Forbid(std::string_view key, std::string_view reason) {
  if (Node(key) != nullptr) {
    ReportKey(key, "is not allowed: " + std::string(reason));
  }
}

void TableReader::ReportAt(const toml::node& node, std::string_view sentence) {
  AddAt(diags_, source_, node.source(), sentence);
}

void TableReader::ReportKey(std::string_view key, std::string_view sentence) {
  std::string text = std::string(key) + " in " + context_ + " " + std::string(sentence);
  const toml::node* node = table_.get(key);
  AddAt(diags_, source_, node != nullptr ? node->source() : table_.source(), text);
}

void TableReader::ReportHere(std::string_view sentence) {
  AddAt(diags_, source_, table_.source(), context_ + " " + std::string(sentence));
}

void TableReader::RejectUnknownKeys() {
  std::string allowed;
  for (const std::string& key : known_keys_) {
    allowed += allowed.empty() ? "" : ", ";
    allowed += key;
  }
  for (auto&& [key, value] : table_) {
    if (known_keys_.contains(key.str())) {
      continue;
    }
    std::string sentence = "unknown key '" + std::string(key.str()) + "' in " + context_ +
                           " (check the spelling); the keys allowed here are: " + allowed + ".";
    AddAt(diags_, source_, key.source(), sentence);
  }
}

void TableReader::ReportWrongType(std::string_view key, const toml::node& node,
                                  std::string_view expected) {
  ReportKey(
      key, "must be " + std::string(expected) + ", not a " + std::string(TomlTypeName(node)) + ".");
}

}  // namespace vci::policy
