#include "daemon/metrics/registry.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace vci::metrics {
namespace {

using pkcs11::HsmOperation;
using pkcs11::HsmOutcome;
using std::chrono::microseconds;

// The exposition of a registry that has counted nothing: every HELP and TYPE line, the scalar
// series at zero, no labelled series.
constexpr std::string_view kEmptyExposition =
    "# HELP vcissuer_http_requests_total HTTP requests answered, by endpoint and status.\n"
    "# TYPE vcissuer_http_requests_total counter\n"
    "# HELP vcissuer_errors_total Error answers, by error code.\n"
    "# TYPE vcissuer_errors_total counter\n"
    "# HELP vcissuer_issuances_total Credentials issued, by credential configuration.\n"
    "# TYPE vcissuer_issuances_total counter\n"
    "# HELP vcissuer_hsm_operation_duration_seconds Duration of PKCS#11 operations, by "
    "operation.\n"
    "# TYPE vcissuer_hsm_operation_duration_seconds histogram\n"
    "# HELP vcissuer_hsm_errors_total Failed PKCS#11 operations, by operation and outcome.\n"
    "# TYPE vcissuer_hsm_errors_total counter\n"
    "# HELP vcissuer_tx_code_lockouts_total Offers invalidated by too many wrong tx_codes.\n"
    "# TYPE vcissuer_tx_code_lockouts_total counter\n"
    "vcissuer_tx_code_lockouts_total 0\n"
    "# HELP vcissuer_policy_reload_failures_total Policy reloads refused.\n"
    "# TYPE vcissuer_policy_reload_failures_total counter\n"
    "vcissuer_policy_reload_failures_total 0\n"
    "# HELP vcissuer_policy_generation Generation of the policy in force.\n"
    "# TYPE vcissuer_policy_generation gauge\n"
    "vcissuer_policy_generation 0\n";

TEST(RegistryTest, EmptyRegistryRendersHeadersAndZeroScalars) {
  // Proves the exact text of an empty scrape, HELP and TYPE lines included.
  std::unique_ptr<Registry> registry = Registry::CreateLocal();
  EXPECT_EQ(registry->RenderText(), kEmptyExposition);
}

TEST(RegistryTest, CountsRenderAsExactExposition) {
  // Proves every metric's series, label order, cumulative buckets and the sum in seconds.
  std::unique_ptr<Registry> registry = Registry::CreateLocal();
  registry->CountRequest(Endpoint::kToken, 200);
  registry->CountRequest(Endpoint::kToken, 200);
  registry->CountRequest(Endpoint::kToken, 400);
  registry->CountRequest(Endpoint::kCredential, 503);
  registry->CountRequest(Endpoint::kReadyz, 299);  // Not a counted status: "other".
  registry->CountError("invalid_grant");
  registry->CountError("no_such_code");  // Not an ErrorCodeName: "other".
  registry->CountIssuance("university_diploma");
  registry->CountIssuance("employee_badge");
  registry->CountIssuance("employee_badge");
  registry->CountIssuance(std::string(64, 'x'));  // Longer than a slot holds: "other".
  registry->ObserveHsmCall(HsmOperation::kSign, HsmOutcome::kOk, microseconds(400));
  registry->ObserveHsmCall(HsmOperation::kSign, HsmOutcome::kOk, microseconds(1000));
  registry->ObserveHsmCall(HsmOperation::kSign, HsmOutcome::kDeviceRemoved,
                           microseconds(7'000'000));
  registry->CountTxCodeLockout();
  registry->CountPolicyReloadFailure();
  registry->CountPolicyReloadFailure();
  registry->SetPolicyGeneration(7);

  std::string sign = "vcissuer_hsm_operation_duration_seconds_bucket{operation=\"sign\",le=";
  std::string expected =
      "# HELP vcissuer_http_requests_total HTTP requests answered, by endpoint and status.\n"
      "# TYPE vcissuer_http_requests_total counter\n"
      "vcissuer_http_requests_total{endpoint=\"/token\",status=\"200\"} 2\n"
      "vcissuer_http_requests_total{endpoint=\"/token\",status=\"400\"} 1\n"
      "vcissuer_http_requests_total{endpoint=\"/credential\",status=\"503\"} 1\n"
      "vcissuer_http_requests_total{endpoint=\"/readyz\",status=\"other\"} 1\n"
      "# HELP vcissuer_errors_total Error answers, by error code.\n"
      "# TYPE vcissuer_errors_total counter\n"
      "vcissuer_errors_total{code=\"invalid_grant\"} 1\n"
      "vcissuer_errors_total{code=\"other\"} 1\n"
      "# HELP vcissuer_issuances_total Credentials issued, by credential configuration.\n"
      "# TYPE vcissuer_issuances_total counter\n"
      "vcissuer_issuances_total{configuration=\"employee_badge\"} 2\n"
      "vcissuer_issuances_total{configuration=\"university_diploma\"} 1\n"
      "vcissuer_issuances_total{configuration=\"other\"} 1\n"
      "# HELP vcissuer_hsm_operation_duration_seconds Duration of PKCS#11 operations, by "
      "operation.\n"
      "# TYPE vcissuer_hsm_operation_duration_seconds histogram\n" +
      sign + "\"0.0005\"} 1\n" + sign + "\"0.001\"} 2\n" + sign + "\"0.0025\"} 2\n" + sign +
      "\"0.005\"} 2\n" + sign + "\"0.01\"} 2\n" + sign + "\"0.025\"} 2\n" + sign + "\"0.05\"} 2\n" +
      sign + "\"0.1\"} 2\n" + sign + "\"0.25\"} 2\n" + sign + "\"0.5\"} 2\n" + sign + "\"1\"} 2\n" +
      sign + "\"2.5\"} 2\n" + sign + "\"5\"} 2\n" + sign + "\"+Inf\"} 3\n" +
      "vcissuer_hsm_operation_duration_seconds_sum{operation=\"sign\"} 7.001400\n"
      "vcissuer_hsm_operation_duration_seconds_count{operation=\"sign\"} 3\n"
      "# HELP vcissuer_hsm_errors_total Failed PKCS#11 operations, by operation and outcome.\n"
      "# TYPE vcissuer_hsm_errors_total counter\n"
      "vcissuer_hsm_errors_total{operation=\"sign\",outcome=\"device_removed\"} 1\n"
      "# HELP vcissuer_tx_code_lockouts_total Offers invalidated by too many wrong tx_codes.\n"
      "# TYPE vcissuer_tx_code_lockouts_total counter\n"
      "vcissuer_tx_code_lockouts_total 1\n"
      "# HELP vcissuer_policy_reload_failures_total Policy reloads refused.\n"
      "# TYPE vcissuer_policy_reload_failures_total counter\n"
      "vcissuer_policy_reload_failures_total 2\n"
      "# HELP vcissuer_policy_generation Generation of the policy in force.\n"
      "# TYPE vcissuer_policy_generation gauge\n"
      "vcissuer_policy_generation 7\n";
  EXPECT_EQ(registry->RenderText(), expected);
}

TEST(RegistryTest, LabelValuesAreEscaped) {
  // Proves a configuration id with a quote, a backslash and a line feed cannot break the format.
  std::unique_ptr<Registry> registry = Registry::CreateLocal();
  registry->CountIssuance("a\"b\\c\nd");
  EXPECT_NE(registry->RenderText().find(
                "vcissuer_issuances_total{configuration=\"a\\\"b\\\\c\\nd\"} 1\n"),
            std::string::npos);
}

TEST(RegistryTest, ConfigurationCountIsCapped) {
  // Proves that configuration ids beyond the cap count under "other" instead of new series.
  std::unique_ptr<Registry> registry = Registry::CreateLocal();
  for (int i = 0; i < 70; ++i) {
    registry->CountIssuance("configuration_" + std::to_string(i));
  }
  std::string text = registry->RenderText();
  EXPECT_NE(text.find("vcissuer_issuances_total{configuration=\"configuration_63\"} 1\n"),
            std::string::npos);
  EXPECT_EQ(text.find("configuration_64"), std::string::npos);
  EXPECT_NE(text.find("vcissuer_issuances_total{configuration=\"other\"} 6\n"), std::string::npos);
}

TEST(RegistryTest, SharedRegionAddsUpAcrossProcesses) {
  // Proves that counts made by forked children land in the parent's region.
  Result<std::unique_ptr<Registry>> shared = Registry::CreateShared();
  ASSERT_TRUE(shared.has_value()) << shared.error().detail();
  Registry& registry = **shared;
  constexpr int kChildren = 3;
  constexpr int kPerChild = 1000;
  for (int c = 0; c < kChildren; ++c) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      for (int i = 0; i < kPerChild; ++i) {
        registry.CountRequest(Endpoint::kNonce, 200);
        registry.CountIssuance("employee_badge");
      }
      ::_exit(0);
    }
  }
  for (int c = 0; c < kChildren; ++c) {
    int status = 0;
    ASSERT_GT(::wait(&status), 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  std::string text = registry.RenderText();
  EXPECT_NE(text.find("vcissuer_http_requests_total{endpoint=\"/nonce\",status=\"200\"} 3000\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("vcissuer_issuances_total{configuration=\"employee_badge\"} 3000\n"),
            std::string::npos)
      << text;
}

TEST(RegistryTest, AttachMapsTheSameRegion) {
  // Proves that a registry attached from the memfd (as an exec'd worker does) shares the counts.
  Result<std::unique_ptr<Registry>> shared = Registry::CreateShared();
  ASSERT_TRUE(shared.has_value()) << shared.error().detail();
  Result<std::unique_ptr<Registry>> attached = Registry::Attach(::dup((*shared)->shared_fd()));
  ASSERT_TRUE(attached.has_value()) << attached.error().detail();
  (*attached)->CountTxCodeLockout();
  (*attached)->SetPolicyGeneration(3);
  std::string text = (*shared)->RenderText();
  EXPECT_NE(text.find("vcissuer_tx_code_lockouts_total 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("vcissuer_policy_generation 3\n"), std::string::npos) << text;
}

TEST(RegistryTest, AttachRefusesAFileOfAnotherLayout) {
  // Proves that a worker does not map a region of another size (another binary's layout).
  int fd = ::memfd_create("not-a-region", MFD_CLOEXEC);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, 4096), 0);
  Result<std::unique_ptr<Registry>> attached = Registry::Attach(fd);
  ASSERT_FALSE(attached.has_value());
  EXPECT_EQ(attached.error().code(), ErrorCode::kFailedPrecondition);
}

TEST(RegistryTest, LocalRegionIsNotShared) {
  // Proves the contrast: a child's counts in a local registry stay in the child.
  std::unique_ptr<Registry> registry = Registry::CreateLocal();
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    registry->CountRequest(Endpoint::kNonce, 200);
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_EQ(registry->RenderText(), kEmptyExposition);
}

}  // namespace
}  // namespace vci::metrics
