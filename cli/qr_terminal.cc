#include "cli/qr_terminal.h"

#include <qrencode.h>

#include <cerrno>
#include <cstdint>
#include <limits>
#include <memory>

namespace vci::cli {
namespace {

struct QrcodeDeleter {
  void operator()(QRcode* code) const { ::QRcode_free(code); }
};

using QrcodePtr = std::unique_ptr<QRcode, QrcodeDeleter>;

constexpr std::string_view kUpperHalf = "\u2580";
constexpr std::string_view kLowerHalf = "\u2584";
constexpr std::string_view kFullBlock = "\u2588";

}  // namespace

bool QrMatrix::IsDark(int x, int y) const {
  if (x < 0 || y < 0 || x >= width || y >= width) {
    return false;
  }
  return dark[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)];
}

Result<QrMatrix> EncodeQr(std::string_view text) {
  if (text.empty() || text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return Error(ErrorCode::kInvalidArgument, "nothing to draw as a QR code");
  }
  errno = 0;
  QrcodePtr code(::QRcode_encodeData(static_cast<int>(text.size()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     /*version=*/0, QR_ECLEVEL_M));
  if (code == nullptr) {
    if (errno == ERANGE) {
      return Error(ErrorCode::kInvalidArgument, "the link is too long for a QR code");
    }
    return Error(ErrorCode::kInternal, "cannot make the QR code", "QRcode_encodeData failed");
  }
  QrMatrix matrix;
  matrix.version = code->version;
  matrix.width = code->width;
  size_t num_modules = static_cast<size_t>(code->width) * static_cast<size_t>(code->width);
  matrix.dark.resize(num_modules);
  for (size_t i = 0; i < num_modules; ++i) {
    // libqrencode: bit 0 of each byte is the module's colour (1 = dark).
    matrix.dark[i] = (code->data[i] & 1U) != 0;
  }
  return matrix;
}

std::string RenderHalfBlocks(const QrMatrix& matrix) {
  const int first = -kQuietZoneModules;
  const int last = matrix.width + kQuietZoneModules;  // One past the quiet zone.
  std::string out;
  for (int y = first; y < last; y += 2) {
    for (int x = first; x < last; ++x) {
      // Rows past the bottom quiet zone are left blank, like a dark module.
      bool top_ink = !matrix.IsDark(x, y);
      bool bottom_ink = y + 1 < last && !matrix.IsDark(x, y + 1);
      if (top_ink && bottom_ink) {
        out += kFullBlock;
      } else if (top_ink) {
        out += kUpperHalf;
      } else if (bottom_ink) {
        out += kLowerHalf;
      } else {
        out += ' ';
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace vci::cli
