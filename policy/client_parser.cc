#include "policy/client_parser.h"

#include "policy/syntax_checks.h"

namespace vci::policy {
namespace {

// A client that needs more offers than this per minute should be several clients.
constexpr int64_t kMaxOffersPerMinute = 100000;

int HexDigit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

void ReadGrants(TableReader& reader, const std::string& name, Client& client,
                ClientsSoFar& so_far) {
  const toml::array* ids = reader.Array("configurations");
  if (ids == nullptr) {
    if (reader.Node("configurations") == nullptr) {
      reader.ReportKey("configurations",
                       "is required but missing: list the credential configuration ids this "
                       "client may offer.");
    }
    return;
  }
  std::set<std::string, std::less<>> seen;
  for (const toml::node& id : *ids) {
    const auto* text = id.as_string();
    if (text == nullptr) {
      reader.ReportAt(id, "each element of configurations in " + reader.context() +
                              " must be a credential configuration id in quotes.");
    } else if (!seen.insert(text->get()).second) {
      reader.ReportAt(
          id, "configurations in " + reader.context() + " lists '" + text->get() + "' twice.");
    } else {
      client.configurations.push_back(text->get());
      so_far.grants.push_back({name, text->get(), std::string(reader.source()),
                               id.source().begin.line, id.source().begin.column});
    }
  }
  if (ids->empty()) {
    reader.ReportKey("configurations",
                     "is empty; a client with no configurations can offer nothing. Remove the "
                     "client instead.");
  }
}

// ReadHash reads the SHA-256 at `key` (64 hex characters), refusing one that `taken` says
// another client already uses. Empty when absent or invalid (reported).
template <typename Taken>
Bytes ReadHash(TableReader& reader, std::string_view key, std::string_view of, std::string_view own,
               Taken taken) {
  std::optional<std::string> hex = reader.String(key, false);
  if (!hex) {
    return {};
  }
  std::optional<Bytes> hash = DecodeSha256Hex(*hex);
  if (!hash) {
    reader.ReportKey(key, "must be the SHA-256 of " + std::string(of) +
                              " as 64 hexadecimal characters (e.g. sha256sum output).");
    return {};
  }
  if (taken(*hash)) {
    reader.ReportKey(
        key, "equals another client's; every client needs its own " + std::string(own) + ".");
    return {};
  }
  return *hash;
}

}  // namespace

std::optional<Bytes> DecodeSha256Hex(std::string_view hex) {
  if (hex.size() != 64) {
    return std::nullopt;
  }
  Bytes out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int high = HexDigit(hex[i]);
    int low = HexDigit(hex[i + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    out.push_back(static_cast<uint8_t>(high * 16 + low));
  }
  return out;
}

std::optional<Client> ParseClient(const toml::table& table, std::string_view source,
                                  Diagnostics* diags, ClientsSoFar& so_far) {
  TableReader name_reader(table, "a [[client]]", source, diags);
  std::optional<std::string> name = name_reader.String("name", true);
  if (!name) {
    return std::nullopt;
  }
  TableReader reader(table, "client '" + *name + "'", source, diags);
  reader.Node("name");
  size_t before = diags->size();
  Client client;
  client.name = *name;
  if (!IsValidIdentifier(*name)) {
    reader.ReportKey("name", "must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' and '-'.");
  } else if (!so_far.names.insert(*name).second) {
    reader.ReportKey("name", "is already used by another client.");
  }
  client.token_sha256 = ReadHash(
      reader, "token_sha256", "the client's bearer token", "token",
      [&](ByteView hash) { return so_far.policy->FindClientByTokenHash(hash) != nullptr; });
  client.certificate_sha256 = ReadHash(
      reader, "certificate_sha256", "the DER of the client's TLS certificate", "certificate",
      [&](ByteView hash) { return so_far.policy->FindClientByCertificateHash(hash) != nullptr; });
  if (reader.Node("token_sha256") == nullptr && reader.Node("certificate_sha256") == nullptr) {
    reader.ReportHere(
        "needs token_sha256 (a bearer token) or certificate_sha256 (a TLS client certificate).");
  }
  ReadGrants(reader, *name, client, so_far);
  if (std::optional<std::vector<std::string>> claims = reader.Strings("claims")) {
    std::set<std::string, std::less<>> seen;
    for (const std::string& claim : *claims) {
      if (!seen.insert(claim).second) {
        reader.ReportKey("claims", "lists '" + claim + "' twice.");
      }
    }
    client.settable_claims = std::move(*claims);
  }
  if (std::optional<int64_t> rate =
          reader.Integer("offers_per_minute", false, 1, kMaxOffersPerMinute)) {
    client.offers_per_minute = static_cast<size_t>(*rate);
  }
  reader.RejectUnknownKeys();
  if (diags->size() != before) {
    return std::nullopt;
  }
  return client;
}

}  // namespace vci::policy
