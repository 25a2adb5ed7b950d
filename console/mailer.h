// Mailer: sends the tx_code to the person's e-mail address over SMTP (libcurl) through the
// configured relay: the second channel OID4VCI 1.0 (section 4.1.1) recommends for it.
#ifndef VCISSUER_CONSOLE_MAILER_H_
#define VCISSUER_CONSOLE_MAILER_H_

#include <string>

#include "crypto/base/result.h"

namespace vci::console {

struct MailMessage {
  std::string to;
  std::string subject;
  std::string text;  // Plain text, UTF-8; holds the tx_code, so it is never logged.
};

class Mailer {
 public:
  // Mailer sends through `smtp_url` ("smtp://host:port", "smtps://...") from `from`.
  Mailer(std::string smtp_url, std::string from)
      : smtp_url_(std::move(smtp_url)), from_(std::move(from)) {}

  // Send delivers `message`. kInvalidArgument for an address with line breaks or no '@';
  // kUnavailable when the relay cannot be reached or refuses it.
  Result<void> Send(const MailMessage& message) const;

 private:
  std::string smtp_url_;
  std::string from_;
};

// FormatMessage returns the RFC 5322 text of `message` from `from` (CRLF line ends).
std::string FormatMessage(const std::string& from, const MailMessage& message);

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_MAILER_H_
