#include "tests/crypto/pkcs11/softhsm_fixture.h"

#include <stdlib.h>

#include <filesystem>

#include "crypto/pkcs11/slot_finder.h"

namespace vci::pkcs11::testing {

namespace {

// TokenDir is the process's token directory, removed when the process ends.
struct TokenDir {
  std::string path;
  std::string skip_reason;

  ~TokenDir() {
    if (!path.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  }
};

TokenDir& ProcessToken() {
  static TokenDir dir;
  return dir;
}

}  // namespace

FunctionListDouble* SoftHsmTest::fake_ = nullptr;

void SoftHsmTest::SetUpTestSuite() {
  TokenDir& dir = ProcessToken();
  if (!dir.path.empty() || !dir.skip_reason.empty()) {
    return;
  }
  if (!std::filesystem::exists(kSoftHsmModule)) {
    dir.skip_reason = std::string("SoftHSM2 is not installed (") + kSoftHsmModule +
                      " missing); install softhsm2 to run the PKCS#11 tests";
    return;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "vci-pkcs11-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    dir.skip_reason = "cannot make a temporary directory";
    return;
  }
  dir.path = pattern;
  Result<void> init =
      InitSoftHsmToken(kSoftHsmModule, dir.path, kTokenLabel, SecretBytes::FromString(kSoPin),
                       SecretBytes::FromString(kUserPin));
  if (!init.has_value()) {
    dir.skip_reason =
        "InitSoftHsmToken failed: " + init.error().message() + " (" + init.error().detail() + ")";
    return;
  }
  fake_ = FunctionListDouble::Get(kSoftHsmModule);
  if (fake_ == nullptr) {
    dir.skip_reason = "cannot load the SoftHSM2 function list";
  }
}

void SoftHsmTest::SetUp() {
  const std::string& reason = ProcessToken().skip_reason;
  if (!reason.empty()) {
    // A module that is installed but fails is an error; only a missing module is a skip.
    if (std::filesystem::exists(kSoftHsmModule)) {
      FAIL() << reason;
    }
    GTEST_SKIP() << reason;
  }
  fake_->Reset();
  Result<std::unique_ptr<ossl::Context>> ctx = ossl::Context::Create();
  ASSERT_TRUE(ctx.has_value()) << ctx.error().detail();
  ctx_ = std::move(ctx).value();
  Result<std::unique_ptr<Token>> token = OpenToken(kUserPin, 8);
  ASSERT_TRUE(token.has_value()) << token.error().message() << ": " << token.error().detail();
  token_ = std::move(token).value();
}

void SoftHsmTest::TearDown() {
  token_.reset();
}

Result<std::unique_ptr<Token>> SoftHsmTest::OpenToken(const std::string& pin, size_t max_sessions) {
  TokenOptions options;
  options.module_path = kSoftHsmModule;
  options.token_uri = kTokenUri;
  options.pin = SecretBytes::FromString(pin);
  options.max_sessions = max_sessions;
  options.function_list_override = fake_->list();
  return Token::Open(std::move(options));
}

std::string SoftHsmTest::UniqueLabel(const std::string& suffix) {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  // The counter keeps labels unique when the same test runs again (--gtest_repeat).
  static int counter = 0;
  return std::string(info->name()) + "-" + suffix + "-" + std::to_string(++counter);
}

std::string SoftHsmTest::TokenDirectory() {
  return ProcessToken().path;
}

Session SoftHsmTest::RawSession() {
  Uri uri;
  uri.token_label = kTokenLabel;
  Result<FoundSlot> slot = FindTokenSlot(fake_->real(), uri, 1);
  VCI_CHECK(slot.has_value());
  Result<Session> session = Session::Open(fake_->real(), slot->slot, true);
  VCI_CHECK(session.has_value());
  return std::move(session).value();
}

}  // namespace vci::pkcs11::testing

// SoftHSM2 2.6.1 leaks OpenSSL ASN.1 strings inside its own C_SignInit when keys are used from
// several threads at once (seen under LeakSanitizer, every frame above OpenSSL's inside
// libsofthsm2). Not ours: only sanitizer builds read these two, and the suppression matches only
// stacks through that module. OpenSSL has no frame pointers, so matching needs the slow unwinder.
extern "C" const char* __asan_default_options() {
  return "fast_unwind_on_malloc=0";
}

extern "C" const char* __lsan_default_suppressions() {
  return "leak:libsofthsm2.so\n";
}
