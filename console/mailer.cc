#include "console/mailer.h"

#include <algorithm>

#include "console/curl_handle.h"

namespace vci::console {
namespace {

struct UploadState {
  std::string text;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) noexcept {
  auto* state = static_cast<UploadState*>(user);
  size_t num_bytes = std::min(size * count, state->text.size() - state->offset);
  std::copy_n(state->text.data() + state->offset, num_bytes, buffer);
  state->offset += num_bytes;
  return num_bytes;
}

bool IsSafeAddress(const std::string& address) {
  return address.find('@') != std::string::npos && address.size() <= 254 &&
         address.find_first_of("\r\n<>,\"") == std::string::npos;
}

}  // namespace

std::string FormatMessage(const std::string& from, const MailMessage& message) {
  std::string text = "From: " + from + "\r\nTo: " + message.to + "\r\nSubject: " + message.subject +
                     "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     "Content-Transfer-Encoding: 8bit\r\n\r\n";
  for (char c : message.text) {
    if (c == '\n') {
      text += "\r\n";
    } else {
      text.push_back(c);
    }
  }
  return text + "\r\n";
}

Result<void> Mailer::Send(const MailMessage& message) const {
  if (!IsSafeAddress(message.to) || !IsSafeAddress(from_) ||
      message.subject.find_first_of("\r\n") != std::string::npos) {
    return Error(ErrorCode::kInvalidArgument, "the e-mail address is not usable");
  }
  VCI_TRY(CurlGlobalInit());
  CurlPtr curl(::curl_easy_init());
  if (curl == nullptr) {
    return Error(ErrorCode::kInternal, "cannot initialise libcurl", "curl_easy_init");
  }
  UploadState upload{FormatMessage(from_, message), 0};
  std::string mail_from = "<" + from_ + ">";
  SlistPtr recipients;
  VCI_TRY(AppendCurlHeader(recipients, ("<" + message.to + ">").c_str()));
  CURL* c = curl.get();
  char error_text[CURL_ERROR_SIZE] = {};
  bool ok = ::curl_easy_setopt(c, CURLOPT_URL, smtp_url_.c_str()) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps") == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str()) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get()) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadUpload) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_READDATA, &upload) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_UPLOAD, 1L) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text) == CURLE_OK;
  if (!ok) {
    return Error(ErrorCode::kInvalidArgument, "cannot use the configured mail relay", error_text);
  }
  CURLcode rc = ::curl_easy_perform(c);
  // The message held the tx_code.
  std::fill(upload.text.begin(), upload.text.end(), '\0');
  if (rc != CURLE_OK) {
    return Error(ErrorCode::kUnavailable, "the mail relay is unavailable",
                 error_text[0] != '\0' ? error_text : ::curl_easy_strerror(rc));
  }
  return Ok();
}

}  // namespace vci::console
