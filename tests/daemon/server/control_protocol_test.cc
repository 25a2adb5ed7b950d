#include "daemon/server/control_protocol.h"

#include <gtest/gtest.h>

#include <string>

namespace vci::server {
namespace {

// Both requests parse with and without their newline, and format back to the same line.
TEST(ControlProtocolTest, RequestsRoundTripWorks) {
  EXPECT_EQ(*ParseControlRequest("reload\n"), ControlRequest::kReload);
  EXPECT_EQ(*ParseControlRequest("status"), ControlRequest::kStatus);
  EXPECT_EQ(FormatControlRequest(ControlRequest::kReload), "reload\n");
  EXPECT_EQ(FormatControlRequest(ControlRequest::kStatus), "status\n");
}

// Anything but the two exact verbs is refused: case, spacing, extra lines, other verbs.
TEST(ControlProtocolTest, UnknownRequestsFail) {
  for (const char* line : {"", "\n", "RELOAD\n", " reload\n", "reload \n", "reload\n\n",
                           "reload\nstatus\n", "stop\n", "reload\r\n"}) {
    Result<ControlRequest> parsed = ParseControlRequest(line);
    ASSERT_FALSE(parsed.has_value()) << line;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
  }
}

// An ok reply carries the generation and the worker counts exactly.
TEST(ControlProtocolTest, OkReplyRoundTripWorks) {
  ControlReply reply{true, 7, 2, 3, ""};
  std::string line = FormatControlReply(reply);
  EXPECT_EQ(line, "ok generation=7 workers=2/3\n");
  Result<ControlReply> parsed = ParseControlReply(line);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->ok);
  EXPECT_EQ(parsed->generation, 7u);
  EXPECT_EQ(parsed->ready_workers, 2u);
  EXPECT_EQ(parsed->num_workers, 3u);
}

// An error reason cannot inject a second line: control characters become spaces.
TEST(ControlProtocolTest, ErrorReplyCannotSplitLinesWorks) {
  std::string line = FormatControlReply({false, 0, 0, 0, "bad\nok generation=1 workers=1/1"});
  EXPECT_EQ(line, "error bad ok generation=1 workers=1/1\n");
  Result<ControlReply> parsed = ParseControlReply(line);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_FALSE(parsed->ok);
  EXPECT_EQ(parsed->reason, "bad ok generation=1 workers=1/1");
}

// A long reason is cut so the reply stays within one bounded line.
TEST(ControlProtocolTest, LongReasonIsCutWorks) {
  std::string line = FormatControlReply({false, 0, 0, 0, std::string(5000, 'x')});
  EXPECT_LE(line.size(), kMaxControlLineBytes);
  EXPECT_EQ(line.back(), '\n');
}

// Malformed replies are refused rather than read as success.
TEST(ControlProtocolTest, MalformedRepliesFail) {
  for (const char* line :
       {"", "ok\n", "ok generation=\n", "ok generation=1\n", "ok generation=1 workers=1\n",
        "ok generation=x workers=1/1\n", "ok generation=1 workers=1/1 extra\n", "fine\n"}) {
    EXPECT_FALSE(ParseControlReply(line).has_value()) << line;
  }
}

}  // namespace
}  // namespace vci::server
