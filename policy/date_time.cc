#include "policy/date_time.h"

namespace vci::policy {
namespace {

// ReadDigits parses exactly `count` digits at the front of `text` and consumes them.
bool ReadDigits(std::string_view& text, size_t count, int* out) {
  if (text.size() < count) {
    return false;
  }
  int value = 0;
  for (size_t i = 0; i < count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') {
      return false;
    }
    value = value * 10 + (c - '0');
  }
  text.remove_prefix(count);
  *out = value;
  return true;
}

bool ReadChar(std::string_view& text, char expected) {
  if (text.empty() || text.front() != expected) {
    return false;
  }
  text.remove_prefix(1);
  return true;
}

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool ReadDate(std::string_view& text) {
  int year = 0;
  int month = 0;
  int day = 0;
  return ReadDigits(text, 4, &year) && ReadChar(text, '-') && ReadDigits(text, 2, &month) &&
         month >= 1 && month <= 12 && ReadChar(text, '-') && ReadDigits(text, 2, &day) &&
         day >= 1 && day <= DaysInMonth(year, month);
}

bool ReadHoursMinutes(std::string_view& text) {
  int hour = 0;
  int minute = 0;
  return ReadDigits(text, 2, &hour) && hour <= 23 && ReadChar(text, ':') &&
         ReadDigits(text, 2, &minute) && minute <= 59;
}

}  // namespace

bool IsValidDate(std::string_view text) {
  return ReadDate(text) && text.empty();
}

bool IsValidDateTime(std::string_view text) {
  if (!ReadDate(text) || !(ReadChar(text, 'T') || ReadChar(text, 't'))) {
    return false;
  }
  int second = 0;
  if (!ReadHoursMinutes(text) || !ReadChar(text, ':') || !ReadDigits(text, 2, &second) ||
      second > 60) {
    return false;
  }
  if (ReadChar(text, '.')) {
    size_t digits = 0;
    while (!text.empty() && text.front() >= '0' && text.front() <= '9' && digits < 9) {
      text.remove_prefix(1);
      ++digits;
    }
    if (digits == 0) {
      return false;
    }
  }
  if (ReadChar(text, 'Z') || ReadChar(text, 'z')) {
    return text.empty();
  }
  if (!(ReadChar(text, '+') || ReadChar(text, '-'))) {
    return false;
  }
  return ReadHoursMinutes(text) && text.empty();
}

}  // namespace vci::policy
