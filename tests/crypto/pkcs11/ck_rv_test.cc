#include "crypto/pkcs11/ck_rv.h"

#include <gtest/gtest.h>

namespace vci::pkcs11 {
namespace {

// Known codes get their specification name, others their value in hex.
TEST(CkRvTest, NamesWork) {
  EXPECT_EQ(CkRvName(CKR_OK), "CKR_OK");
  EXPECT_EQ(CkRvName(CKR_PIN_INCORRECT), "CKR_PIN_INCORRECT");
  EXPECT_EQ(CkRvName(CKR_SESSION_HANDLE_INVALID), "CKR_SESSION_HANDLE_INVALID");
  EXPECT_EQ(CkRvName(CKR_VENDOR_DEFINED | 0x2a), "CKR_0x8000002a");
}

// Each class of failure maps to the code the caller acts on, and the detail names the call.
TEST(CkRvTest, ErrorCodesWork) {
  const struct {
    CK_RV rv;
    ErrorCode code;
  } kCases[] = {{CKR_PIN_INCORRECT, ErrorCode::kPinIncorrect},
                {CKR_PIN_LOCKED, ErrorCode::kPinLocked},
                {CKR_DEVICE_REMOVED, ErrorCode::kUnavailable},
                {CKR_DEVICE_ERROR, ErrorCode::kUnavailable},
                {CKR_TOKEN_NOT_PRESENT, ErrorCode::kUnavailable},
                {CKR_SESSION_CLOSED, ErrorCode::kUnavailable},
                {CKR_GENERAL_ERROR, ErrorCode::kInternal},
                {CKR_MECHANISM_INVALID, ErrorCode::kInternal}};

  for (const auto& c : kCases) {
    Error error = CkError("C_Sign", c.rv);
    EXPECT_EQ(error.code(), c.code) << CkRvName(c.rv);
    EXPECT_EQ(error.detail(), "C_Sign: " + CkRvName(c.rv));
  }
  EXPECT_TRUE(IsSessionLost(CKR_SESSION_HANDLE_INVALID));
  EXPECT_TRUE(IsSessionLost(CKR_SESSION_CLOSED));
  EXPECT_FALSE(IsSessionLost(CKR_DEVICE_REMOVED));
  EXPECT_FALSE(IsSessionLost(CKR_PIN_INCORRECT));
}

}  // namespace
}  // namespace vci::pkcs11
