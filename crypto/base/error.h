// Error: what went wrong, in three parts with three audiences.
//
// `code` is for programs: the HTTP edge maps it, in one place, to a status and an OAuth / OID4VCI
// error string. `message` is safe to show a client: it never holds a secret, a claim value or an
// internal detail. `detail` is for the operator's log: a CK_RV name, an OpenSSL reason, a file and
// line. Nothing below the HTTP edge logs; it returns an Error and the edge logs it once.
#ifndef VCISSUER_CRYPTO_BASE_ERROR_H_
#define VCISSUER_CRYPTO_BASE_ERROR_H_

#include <string>
#include <string_view>
#include <utility>

namespace vci {

enum class ErrorCode {
  // Generic codes, used by the libraries.
  kInvalidArgument,     // Malformed or out-of-range input from the caller or the network.
  kNotFound,            // A named thing (key, offer, file) does not exist.
  kAlreadyExists,       // A thing that must be unique exists already.
  kPermissionDenied,    // The caller is known but not allowed.
  kUnauthenticated,     // The caller could not be identified.
  kFailedPrecondition,  // The system is not in a state that allows the operation.
  kResourceExhausted,   // A bound, quota or rate limit was reached.
  kUnavailable,         // A dependency (the HSM, the store) is down; retrying later may work.
  kPinIncorrect,        // The token refused the PIN. Never retried: real HSMs lock.
  kPinLocked,           // The token is locked. Never retried.
  kInternal,            // A broken invariant or an unexpected library failure.

  // OAuth 2.0 (RFC 6749 section 5.2, RFC 6750 section 3.1).
  kInvalidRequest,
  kInvalidClient,
  kInvalidGrant,
  kUnsupportedGrantType,
  kInvalidToken,
  kInvalidAuthorizationDetails,  // RFC 9396 section 5.

  // OID4VCI 1.0 section 8.3.1.2 and section 11.3.
  kInvalidCredentialRequest,
  kUnknownCredentialConfiguration,
  kUnknownCredentialIdentifier,
  kInvalidProof,
  kInvalidNonce,
  kCredentialRequestDenied,
  kInvalidEncryptionParameters,
  kInvalidNotificationId,
  kInvalidNotificationRequest,
};

// ErrorCodeName returns a stable, log-friendly name for `code` ("invalid_argument", ...). For the
// protocol codes it is the spec's error string.
std::string_view ErrorCodeName(ErrorCode code);

class Error {
 public:
  Error(ErrorCode code, std::string message, std::string detail = {})
      : code_(code), message_(std::move(message)), detail_(std::move(detail)) {}

  ErrorCode code() const { return code_; }

  // message is safe to return to a client.
  const std::string& message() const { return message_; }

  // detail is for the operator's log only.
  const std::string& detail() const { return detail_; }

  // WithContext returns a copy whose detail is prefixed with `context`, for callers that add
  // where the failure happened without changing what the client sees.
  Error WithContext(std::string_view context) const;

  // Rewrap returns a copy with another code and client message; the detail keeps the original
  // code's name so the log still says what really failed.
  Error Rewrap(ErrorCode code, std::string message) const;

 private:
  ErrorCode code_;
  std::string message_;
  std::string detail_;
};

}  // namespace vci

#endif  // VCISSUER_CRYPTO_BASE_ERROR_H_
