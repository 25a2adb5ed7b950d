#include "console/qr_svg.h"

#include <qrencode.h>

#include <cerrno>
#include <limits>
#include <memory>

#include "console/html.h"

namespace vci::console {
namespace {

struct QrcodeDeleter {
  void operator()(QRcode* code) const { ::QRcode_free(code); }
};

using QrcodePtr = std::unique_ptr<QRcode, QrcodeDeleter>;

constexpr int kQuietZone = 4;

}  // namespace

Result<std::string> QrSvg(std::string_view text, std::string_view label) {
  if (text.empty() || text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return Error(ErrorCode::kInvalidArgument, "nothing to draw as a QR code");
  }
  errno = 0;
  QrcodePtr code(::QRcode_encodeData(static_cast<int>(text.size()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     /*version=*/0, QR_ECLEVEL_M));
  if (code == nullptr) {
    return Error(errno == ERANGE ? ErrorCode::kInvalidArgument : ErrorCode::kInternal,
                 "cannot draw the QR code", "QRcode_encodeData failed");
  }
  int size = code->width + 2 * kQuietZone;
  std::string path;
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      // libqrencode: bit 0 of each byte is the module's colour (1 = dark).
      if ((code->data[y * code->width + x] & 1U) != 0) {
        path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) +
                "h1v1h-1z";
      }
    }
  }
  std::string dim = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" viewBox=\"0 0 " +
         dim + " " + dim + "\" shape-rendering=\"crispEdges\"><title>" + HtmlEscape(label) +
         "</title><rect width=\"" + dim + "\" height=\"" + dim +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace vci::console
