#include "daemon/server/worker_message.h"

#include <gtest/gtest.h>

namespace vci::server {
namespace {

using Kind = WorkerMessage::Kind;

// Every kind formats to its documented line and parses back to the same fields.
TEST(WorkerMessageTest, RoundTripWorks) {
  struct Case {
    WorkerMessage message;
    const char* line;
  };

  const Case cases[] = {
      {{Kind::kReady, 3, 0, ""}, "ready 3"},
      {{Kind::kHeartbeat, 0, 1500, ""}, "heartbeat 1500"},
      {{Kind::kReloaded, 4, 0, ""}, "reloaded 4"},
      {{Kind::kReloadFailed, 4, 0, "policy.toml:3:1: unknown key"},
       "reload-failed 4 policy.toml:3:1: unknown key"},
      {{Kind::kReload, 18446744073709551615u, 0, ""}, "reload 18446744073709551615"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatWorkerMessage(c.message), c.line);
    Result<WorkerMessage> parsed = ParseWorkerMessage(c.line);
    ASSERT_TRUE(parsed.has_value()) << c.line;
    EXPECT_EQ(parsed->kind, c.message.kind);
    EXPECT_EQ(parsed->generation, c.message.generation);
    EXPECT_EQ(parsed->hsm_call_ms, c.message.hsm_call_ms);
    EXPECT_EQ(parsed->reason, c.message.reason);
  }
}

// Unknown verbs, missing or non-decimal numbers, overflow and trailing text are refused.
TEST(WorkerMessageTest, MalformedFails) {
  for (const char* line : {"", "ready", "ready ", "ready x", "ready -1", "ready 3 extra",
                           "heartbeat 1 2", "stop 1", "ready 18446744073709551616", "ready\t3"}) {
    Result<WorkerMessage> parsed = ParseWorkerMessage(line);
    ASSERT_FALSE(parsed.has_value()) << line;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
  }
}

// A reason's control characters become spaces and the line stays within the datagram bound.
TEST(WorkerMessageTest, ReasonIsSanitisedAndBoundedWorks) {
  std::string line =
      FormatWorkerMessage({Kind::kReloadFailed, 1, 0, "a\nb" + std::string(2000, 'c')});
  EXPECT_EQ(line.substr(0, 19), "reload-failed 1 a b");
  EXPECT_LE(line.size(), kMaxWorkerMessageBytes);
  EXPECT_TRUE(ParseWorkerMessage(line).has_value());
}

}  // namespace
}  // namespace vci::server
