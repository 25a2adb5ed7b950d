#include "daemon/http/client_certificate.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include <array>

namespace vci::http::internal {

std::string VerifiedClientCertificateSha256(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      ::MHD_get_connection_info(connection, MHD_CONNECTION_INFO_GNUTLS_SESSION);
  if (info == nullptr || info->tls_session == nullptr) {
    return "";
  }
  auto session = static_cast<gnutls_session_t>(info->tls_session);
  unsigned int num_certs = 0;
  const gnutls_datum_t* certs = ::gnutls_certificate_get_peers(session, &num_certs);
  if (certs == nullptr || num_certs == 0) {
    return "";
  }
  unsigned int status = 0;
  if (::gnutls_certificate_verify_peers2(session, &status) != GNUTLS_E_SUCCESS || status != 0) {
    return "";
  }
  std::array<unsigned char, 32> digest{};
  if (::gnutls_hash_fast(GNUTLS_DIG_SHA256, certs[0].data, certs[0].size, digest.data()) !=
      GNUTLS_E_SUCCESS) {
    return "";
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * digest.size());
  for (unsigned char b : digest) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 0x0f]);
  }
  return hex;
}

}  // namespace vci::http::internal
