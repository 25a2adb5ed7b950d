// QrSvg: an offer link as a QR code drawn in inline SVG (libqrencode), for the offer page.
#ifndef VCISSUER_CONSOLE_QR_SVG_H_
#define VCISSUER_CONSOLE_QR_SVG_H_

#include <string>
#include <string_view>

#include "crypto/base/result.h"

namespace vci::console {

// QrSvg returns an <svg> element drawing `text` at error correction level M with a four-module
// quiet zone, one <path> of dark modules, labelled by `label` (role="img", <title>). The caller
// escapes nothing: `label` is escaped here. kInvalidArgument when `text` is empty or too long.
Result<std::string> QrSvg(std::string_view text, std::string_view label);

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_QR_SVG_H_
