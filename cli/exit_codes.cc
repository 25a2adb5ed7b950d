#include "cli/exit_codes.h"

namespace vci::cli {

ExitCode ExitCodeFor(const Error& error) {
  switch (error.code()) {
    case ErrorCode::kInvalidArgument:
      return ExitCode::kUsage;
    case ErrorCode::kNotFound:
      return ExitCode::kNotFound;
    case ErrorCode::kAlreadyExists:
      return ExitCode::kAlreadyExists;
    case ErrorCode::kPinIncorrect:
    case ErrorCode::kPinLocked:
      return ExitCode::kPinRefused;
    case ErrorCode::kUnavailable:
      return ExitCode::kUnavailable;
    case ErrorCode::kPermissionDenied:
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kInvalidRequest:
    case ErrorCode::kInvalidClient:
    case ErrorCode::kInvalidGrant:
    case ErrorCode::kUnsupportedGrantType:
    case ErrorCode::kInvalidToken:
    case ErrorCode::kInvalidAuthorizationDetails:
    case ErrorCode::kInvalidCredentialRequest:
    case ErrorCode::kUnknownCredentialConfiguration:
    case ErrorCode::kUnknownCredentialIdentifier:
    case ErrorCode::kInvalidProof:
    case ErrorCode::kInvalidNonce:
    case ErrorCode::kCredentialRequestDenied:
    case ErrorCode::kInvalidEncryptionParameters:
    case ErrorCode::kInvalidNotificationId:
    case ErrorCode::kInvalidNotificationRequest:
      return ExitCode::kRefused;
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kResourceExhausted:
    case ErrorCode::kInternal:
      return ExitCode::kFailure;
  }
  return ExitCode::kFailure;
}

ExitCode ExitCodeForHttpStatus(long status) {
  if (status == 503) {
    return ExitCode::kUnavailable;
  }
  if (status >= 400 && status < 500) {
    return ExitCode::kRefused;
  }
  return ExitCode::kFailure;
}

}  // namespace vci::cli
