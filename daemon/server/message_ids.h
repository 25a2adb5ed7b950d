// Stable journald MESSAGE_IDs of the daemon's lifecycle and security events, so operators can
// select them with `journalctl MESSAGE_ID=...`. A value, once published, never changes meaning.
#ifndef VCISSUER_DAEMON_SERVER_MESSAGE_IDS_H_
#define VCISSUER_DAEMON_SERVER_MESSAGE_IDS_H_

#include <string_view>

namespace vci::server {

inline constexpr std::string_view kMessageStarted = "4c3a0a5d8e3b4c61a1f6d9b2e7c05a11";
inline constexpr std::string_view kMessageReady = "9d1f6b3e2a7c4e08b5d4c3a2f1e0d912";
inline constexpr std::string_view kMessageStartFailed = "e2b7c1d04f6a4b3e9c8d7a6b5f4e3d21";
inline constexpr std::string_view kMessageStopping = "1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6";
inline constexpr std::string_view kMessageReloaded = "6f5e4d3c2b1a4098a7b6c5d4e3f2a1b0";
inline constexpr std::string_view kMessageReloadFailed = "26b95cdf3e6c42568dbd51b8017e48ab";
inline constexpr std::string_view kMessageWorkerExited = "52b83d87c4214af4b35a25292abd7e4a";
inline constexpr std::string_view kMessageWorkerHung = "dff12f04271845faab63c74400e24068";
inline constexpr std::string_view kMessagePinGuardSet = "3581ee84dafa4e35afcc2857f4697441";
inline constexpr std::string_view kMessagePinGuardRefused = "090f83e5fcd14f6a92980422ba26775f";
inline constexpr std::string_view kMessageControlPeerRefused = "426e914e7fec43cd8a6a9530e3452d79";

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_MESSAGE_IDS_H_
