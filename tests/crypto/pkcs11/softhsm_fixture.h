// SoftHsmTest: a fixture with a SoftHSM2 token of its own, made once per test process in a
// temporary directory through InitSoftHsmToken (the officer's `token init` path), and a Token
// opened through a FunctionListDouble for every test. Tests are skipped, with the reason, when
// the SoftHSM2 module is not installed.
#ifndef VCISSUER_TESTS_CRYPTO_PKCS11_SOFTHSM_FIXTURE_H_
#define VCISSUER_TESTS_CRYPTO_PKCS11_SOFTHSM_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "crypto/base/secret.h"
#include "crypto/ossl/context.h"
#include "crypto/pkcs11/session.h"
#include "crypto/pkcs11/token.h"
#include "tests/crypto/pkcs11/function_list_double.h"

namespace vci::pkcs11::testing {

inline constexpr char kSoftHsmModule[] = "/usr/lib/softhsm/libsofthsm2.so";
inline constexpr char kTokenLabel[] = "vci-test";
inline constexpr char kTokenUri[] = "pkcs11:token=vci-test";
inline constexpr char kUserPin[] = "user-pin-1234";
inline constexpr char kSoPin[] = "so-pin-5678";

class SoftHsmTest : public ::testing::Test {
 protected:
  // SetUpTestSuite makes the process's token once (SOFTHSM2_CONF is process-global).
  static void SetUpTestSuite();

  // SetUp skips when there is no token, resets the double and opens token_ through it.
  void SetUp() override;

  void TearDown() override;

  // OpenToken opens another Token through the double with `pin` and `max_sessions`.
  static Result<std::unique_ptr<Token>> OpenToken(const std::string& pin, size_t max_sessions);

  // UniqueLabel returns a key label made of the current test's name, `suffix` and a counter.
  static std::string UniqueLabel(const std::string& suffix);

  // TokenDirectory is where SetUpTestSuite made the token.
  static std::string TokenDirectory();

  // RawSession opens a read-write session on the token with the module's real functions, for
  // the raw PKCS#11 calls tests make behind the Token's back (the process is logged in already).
  static Session RawSession();

  static FunctionListDouble& fake() { return *fake_; }

  std::unique_ptr<ossl::Context> ctx_;
  std::unique_ptr<Token> token_;

 private:
  static FunctionListDouble* fake_;
};

}  // namespace vci::pkcs11::testing

#endif  // VCISSUER_TESTS_CRYPTO_PKCS11_SOFTHSM_FIXTURE_H_
