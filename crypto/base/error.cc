#include "crypto/base/error.h"

namespace vci {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kResourceExhausted:
      return "resource_exhausted";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kPinIncorrect:
      return "pin_incorrect";
    case ErrorCode::kPinLocked:
      return "pin_locked";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kInvalidRequest:
      return "invalid_request";
    case ErrorCode::kInvalidClient:
      return "invalid_client";
    case ErrorCode::kInvalidGrant:
      return "invalid_grant";
    case ErrorCode::kUnsupportedGrantType:
      return "unsupported_grant_type";
    case ErrorCode::kInvalidToken:
      return "invalid_token";
    case ErrorCode::kInvalidAuthorizationDetails:
      return "invalid_authorization_details";
    case ErrorCode::kInvalidCredentialRequest:
      return "invalid_credential_request";
    case ErrorCode::kUnknownCredentialConfiguration:
      return "unknown_credential_configuration";
    case ErrorCode::kUnknownCredentialIdentifier:
      return "unknown_credential_identifier";
    case ErrorCode::kInvalidProof:
      return "invalid_proof";
    case ErrorCode::kInvalidNonce:
      return "invalid_nonce";
    case ErrorCode::kCredentialRequestDenied:
      return "credential_request_denied";
    case ErrorCode::kInvalidEncryptionParameters:
      return "invalid_encryption_parameters";
    case ErrorCode::kInvalidNotificationId:
      return "invalid_notification_id";
    case ErrorCode::kInvalidNotificationRequest:
      return "invalid_notification_request";
  }
  return "unknown";
}

Error Error::WithContext(std::string_view context) const {
  std::string detail(context);
  if (!detail_.empty()) {
    detail += ": ";
    detail += detail_;
  }
  return Error(code_, message_, std::move(detail));
}

Error Error::Rewrap(ErrorCode code, std::string message) const {
  std::string detail(ErrorCodeName(code_));
  if (!detail_.empty()) {
    detail += ": ";
    detail += detail_;
  }
  return Error(code, std::move(message), std::move(detail));
}

}  // namespace vci
