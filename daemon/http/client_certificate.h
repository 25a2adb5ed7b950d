// The TLS client certificate of a connection, as the HTTP edge reports it to handlers.
// Internal to vci_http: only request_dispatch.cc includes this header.
#ifndef VCISSUER_DAEMON_HTTP_CLIENT_CERTIFICATE_H_
#define VCISSUER_DAEMON_HTTP_CLIENT_CERTIFICATE_H_

#include <microhttpd.h>

#include <string>

namespace vci::http::internal {

// VerifiedClientCertificateSha256 returns the lower-case hex SHA-256 of the DER encoding of the
// client's certificate when the connection is TLS, the client sent a certificate and GnuTLS
// verified its chain against the listener's client CAs (MHD_OPTION_HTTPS_MEM_TRUST), including
// its validity period. Otherwise "" (no TLS, no certificate, or one that does not verify).
std::string VerifiedClientCertificateSha256(MHD_Connection* connection);

}  // namespace vci::http::internal

#endif  // VCISSUER_DAEMON_HTTP_CLIENT_CERTIFICATE_H_
