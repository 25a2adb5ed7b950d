#include "cli/qr_terminal.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vci::cli {
namespace {

// Lines splits rendered text at '\n'.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  EXPECT_EQ(start, text.size()) << "the last line must end in a newline";
  return out;
}

// CodePoints counts the UTF-8 code points of `line`.
size_t CodePoints(const std::string& line) {
  size_t count = 0;
  for (char c : line) {
    count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  }
  return count;
}

// Eleven bytes fit version 1 at level M: a 21 x 21 symbol.
TEST(QrTerminalTest, ShortTextIsVersionOne) {
  Result<QrMatrix> qr = EncodeQr("HELLO WORLD");
  ASSERT_TRUE(qr.has_value()) << qr.error().message();
  EXPECT_EQ(qr->version, 1);
  EXPECT_EQ(qr->width, 21);
  EXPECT_EQ(qr->dark.size(), 21U * 21U);
  // The top-left finder pattern: a dark corner with a light ring inside.
  EXPECT_TRUE(qr->IsDark(0, 0));
  EXPECT_FALSE(qr->IsDark(1, 1));
  EXPECT_TRUE(qr->IsDark(3, 3));
}

// An offer link is drawn as a square: width + 8 columns and half as many lines, quiet zone light.
TEST(QrTerminalTest, OfferLinkRendersSquareWithQuietZone) {
  const std::string link =
      "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example.com%2F"
      "credential-offer%2F5f0c1f3a-2b7e-4a55-9d3e-0a6c2b1e9f42";
  Result<QrMatrix> qr = EncodeQr(link);
  ASSERT_TRUE(qr.has_value()) << qr.error().message();
  EXPECT_EQ(qr->width, 17 + 4 * qr->version);  // ISO/IEC 18004 table 1.
  EXPECT_GT(qr->version, 1);

  const auto side = static_cast<size_t>(qr->width) + 2 * static_cast<size_t>(kQuietZoneModules);
  std::vector<std::string> lines = Lines(RenderHalfBlocks(*qr));
  ASSERT_EQ(lines.size(), (side + 1) / 2);
  for (const std::string& line : lines) {
    EXPECT_EQ(CodePoints(line), side);
  }
  // The first two module rows are quiet zone: light, drawn as full blocks.
  std::string full_row;
  for (size_t i = 0; i < side; ++i) {
    full_row += "\u2588";
  }
  EXPECT_EQ(lines.front(), full_row);
}

// Text too long for any QR version is refused.
TEST(QrTerminalTest, TooLongTextFails) {
  Result<QrMatrix> qr = EncodeQr(std::string(8000, 'a'));
  ASSERT_FALSE(qr.has_value());
  EXPECT_EQ(qr.error().code(), ErrorCode::kInvalidArgument);
}

// Nothing to draw is refused.
TEST(QrTerminalTest, EmptyTextFails) {
  EXPECT_FALSE(EncodeQr("").has_value());
}

}  // namespace
}  // namespace vci::cli
