#include "daemon/oid4vci/error_response.h"

#include <nlohmann/json.hpp>

namespace vci::oid4vci {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidClient:
    case ErrorCode::kInvalidToken:
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kUnavailable:
    case ErrorCode::kPinIncorrect:
    case ErrorCode::kPinLocked:
      return 503;
    case ErrorCode::kInternal:
    case ErrorCode::kFailedPrecondition:
      return 500;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kInvalidRequest:
    case ErrorCode::kInvalidGrant:
    case ErrorCode::kInvalidAuthorizationDetails:
    case ErrorCode::kUnsupportedGrantType:
    case ErrorCode::kInvalidCredentialRequest:
    case ErrorCode::kUnknownCredentialConfiguration:
    case ErrorCode::kUnknownCredentialIdentifier:
    case ErrorCode::kInvalidProof:
    case ErrorCode::kInvalidNonce:
    case ErrorCode::kCredentialRequestDenied:
    case ErrorCode::kInvalidEncryptionParameters:
    case ErrorCode::kInvalidNotificationId:
    case ErrorCode::kInvalidNotificationRequest:
      return 400;
  }
  return 500;
}

std::string_view WireErrorCode(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_request";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "conflict";
    case ErrorCode::kPermissionDenied:
      return "access_denied";
    case ErrorCode::kUnauthenticated:
      return "invalid_token";
    case ErrorCode::kResourceExhausted:
      return "slow_down";
    case ErrorCode::kUnavailable:
    case ErrorCode::kPinIncorrect:
    case ErrorCode::kPinLocked:
      return "temporarily_unavailable";
    case ErrorCode::kInternal:
    case ErrorCode::kFailedPrecondition:
      return "server_error";
    default:
      return ErrorCodeName(code);
  }
}

std::string SafeDescription(std::string_view text) {
  constexpr size_t kMaxChars = 200;
  std::string out;
  out.reserve(std::min(text.size(), kMaxChars));
  for (char c : text.substr(0, kMaxChars)) {
    auto u = static_cast<unsigned char>(c);
    bool allowed = (u >= 0x20 && u <= 0x21) || (u >= 0x23 && u <= 0x5b) || (u >= 0x5d && u <= 0x7e);
    out.push_back(allowed ? c : '?');
  }
  return out;
}

std::string SafeName(std::string_view name) {
  constexpr size_t kMaxChars = 64;
  std::string out;
  for (char c : name.substr(0, kMaxChars)) {
    bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '_' || c == '.' || c == ':' || c == '-';
    out.push_back(allowed ? c : '?');
  }
  return out;
}

http::HttpResponse ErrorResponse(const Error& error) {
  nlohmann::json body = {{"error", WireErrorCode(error.code())}};
  // Server-side failures say nothing about why; the detail is in the operator's log.
  int status = HttpStatusFor(error.code());
  if (status < 500 && !error.message().empty()) {
    body["error_description"] = SafeDescription(error.message());
  }
  http::HttpResponse response = http::JsonResponse(status, body);
  response.log_error_code = std::string(ErrorCodeName(error.code()));
  response.log_detail = error.detail();
  if (error.code() == ErrorCode::kInvalidToken || error.code() == ErrorCode::kUnauthenticated) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
  }
  if (status == 503 || status == 429) {
    // Rate windows are a minute long: a client told to wait 60 seconds never waits in vain.
    response.headers.emplace_back("Retry-After", status == 503 ? "5" : "60");
  }
  return response;
}

http::HttpResponse BearerChallengeResponse() {
  http::HttpResponse response;
  response.status = 401;
  response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

}  // namespace vci::oid4vci
