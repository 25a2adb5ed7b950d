#include "daemon/config/listen_address.h"

#include <arpa/inet.h>

#include <array>

namespace vci::config {
namespace {

bool IsHostNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

bool IsIpv6(const std::string& text) {
  std::array<unsigned char, 16> buffer{};
  return ::inet_pton(AF_INET6, text.c_str(), buffer.data()) == 1;
}

bool IsIpv4(const std::string& text) {
  std::array<unsigned char, 4> buffer{};
  return ::inet_pton(AF_INET, text.c_str(), buffer.data()) == 1;
}

std::optional<uint16_t> ParsePort(std::string_view text) {
  if (text.empty() || text.size() > 5) {
    return std::nullopt;
  }
  uint32_t port = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    port = port * 10 + static_cast<uint32_t>(c - '0');
  }
  return port <= 65535 ? std::optional<uint16_t>(static_cast<uint16_t>(port)) : std::nullopt;
}

}  // namespace

bool IsLoopbackHost(std::string_view host) {
  std::string text(host);
  return host == "localhost" || host == "::1" || (host.starts_with("127.") && IsIpv4(text));
}

bool ListenAddress::IsLoopback() const {
  return IsLoopbackHost(host);
}

std::string ListenAddress::ToString() const {
  std::string text = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return text + ":" + std::to_string(port);
}

std::optional<ListenAddress> ParseListenAddress(std::string_view text) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view host = text.substr(0, colon);
  std::optional<uint16_t> port = ParsePort(text.substr(colon + 1));
  if (!port || host.empty()) {
    return std::nullopt;
  }
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') {
      return std::nullopt;
    }
    std::string inner(host.substr(1, host.size() - 2));
    return IsIpv6(inner) ? std::optional<ListenAddress>({inner, *port}) : std::nullopt;
  }
  if (host.size() > 253) {
    return std::nullopt;
  }
  for (char c : host) {
    if (!IsHostNameChar(c)) {
      return std::nullopt;
    }
  }
  return ListenAddress{std::string(host), *port};
}

}  // namespace vci::config
