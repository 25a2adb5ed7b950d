// ListenAddress: a host and port to bind, as written in the configuration ("127.0.0.1:8443",
// "[::1]:8443", "localhost:0").
#ifndef VCISSUER_DAEMON_CONFIG_LISTEN_ADDRESS_H_
#define VCISSUER_DAEMON_CONFIG_LISTEN_ADDRESS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vci::config {

struct ListenAddress {
  std::string host;   // Without brackets: "::1", "127.0.0.1", "localhost".
  uint16_t port = 0;  // 0 lets the kernel choose (tests).

  // IsLoopback returns true for 127.0.0.0/8, ::1 and "localhost".
  bool IsLoopback() const;

  // ToString returns host:port, bracketing an IPv6 host.
  std::string ToString() const;
};

// ParseListenAddress returns the address `text` denotes: an IPv4 address, a host name or a
// bracketed IPv6 address, then ':' and a port from 0 to 65535. nullopt for anything else
// (missing port, unbracketed IPv6, spaces, a port out of range).
std::optional<ListenAddress> ParseListenAddress(std::string_view text);

// IsLoopbackHost returns true for "localhost", "::1" and any 127.x.y.z address.
bool IsLoopbackHost(std::string_view host);

}  // namespace vci::config

#endif  // VCISSUER_DAEMON_CONFIG_LISTEN_ADDRESS_H_
