// Drawing an offer link as a QR code in a terminal, so a wallet can scan it off the screen.
//
// Two module rows share one text line through the UTF-8 half-block characters (U+2580, U+2584,
// U+2588). Like `qrencode -t UTF8`, light modules are drawn as ink and dark modules as blank
// cells, which reads correctly on the usual light-on-dark terminal; a 4-module light quiet zone
// (ISO/IEC 18004 section 6.3.8) surrounds the symbol.
#ifndef VCISSUER_CLI_QR_TERMINAL_H_
#define VCISSUER_CLI_QR_TERMINAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "crypto/base/result.h"

namespace vci::cli {

// kQuietZoneModules is the light border drawn around every symbol.
inline constexpr int kQuietZoneModules = 4;

// QrMatrix is one QR symbol: `width` x `width` modules, row by row.
struct QrMatrix {
  int version = 0;
  int width = 0;
  std::vector<bool> dark;

  // IsDark returns whether the module at column `x`, row `y` is dark; false outside the symbol.
  bool IsDark(int x, int y) const;
};

// EncodeQr returns the smallest QR symbol holding `text` as 8-bit data, with error correction
// level M, made by libqrencode. Fails with kInvalidArgument when `text` is empty or too long for
// any QR version, kInternal when libqrencode fails otherwise.
Result<QrMatrix> EncodeQr(std::string_view text);

// RenderHalfBlocks draws `matrix` with a kQuietZoneModules border: ceil((width + 8) / 2) lines of
// width + 8 characters, each line ending in '\n'.
std::string RenderHalfBlocks(const QrMatrix& matrix);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_QR_TERMINAL_H_
