#include "daemon/config/issuer_url.h"

#include "daemon/config/listen_address.h"

namespace vci::config {
namespace {

Error Invalid(std::string_view why) {
  return Error(ErrorCode::kInvalidArgument, std::string(why));
}

bool IsPathChar(char c) {
  auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f && c != '\\' && c != '"' && c != '<' && c != '>' && c != '^' &&
         c != '`' && c != '{' && c != '|' && c != '}';
}

}  // namespace

std::string IssuerUrl::ToString() const {
  std::string text =
      scheme + "://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host);
  if (port != 0) {
    text += ":" + std::to_string(port);
  }
  return text + path;
}

Result<IssuerUrl> ParseIssuerUrl(std::string_view text) {
  IssuerUrl url;
  size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    return Invalid("must be an absolute URL such as https://issuer.example.com");
  }
  url.scheme = std::string(text.substr(0, scheme_end));
  if (url.scheme != "https" && url.scheme != "http") {
    return Invalid("must use the https scheme");
  }
  std::string_view rest = text.substr(scheme_end + 3);
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return Invalid("must not contain a query ('?') or a fragment ('#')");
  }
  size_t path_start = rest.find('/');
  std::string_view authority = rest.substr(0, path_start);
  std::string_view path = path_start == std::string_view::npos ? "" : rest.substr(path_start);
  if (authority.find('@') != std::string_view::npos) {
    return Invalid("must not contain a user name or password");
  }

  // host[:port] has the shape of a listen address when a port is given.
  bool has_port = !authority.empty() && authority.back() != ']' &&
                  authority.find(':') != std::string_view::npos;
  std::string with_port = has_port ? std::string(authority) : std::string(authority) + ":0";
  std::optional<ListenAddress> host = ParseListenAddress(with_port);
  if (!host || host->host.empty() || (has_port && host->port == 0)) {
    return Invalid("must name a valid host (and optionally a port from 1 to 65535)");
  }
  url.host = host->host;
  url.port = host->port;

  for (char c : path) {
    if (!IsPathChar(c)) {
      return Invalid("has a character that is not allowed in a URL path");
    }
  }
  if (path.ends_with('/')) {
    path.remove_suffix(1);
  }
  if (path.ends_with('/')) {
    return Invalid("must not end in '//'");
  }
  url.path = std::string(path);
  return url;
}

}  // namespace vci::config
