// Syntax checks for the date and datetime claim types.
#ifndef VCISSUER_POLICY_DATE_TIME_H_
#define VCISSUER_POLICY_DATE_TIME_H_

#include <string_view>

namespace vci::policy {

// IsValidDate returns true when `text` is an RFC 3339 full-date (YYYY-MM-DD, section 5.6) naming
// a real calendar day: months 01-12, days within the month, 29 February only in leap years.
bool IsValidDate(std::string_view text);

// IsValidDateTime returns true when `text` is an RFC 3339 date-time (section 5.6) with an explicit
// offset: full-date "T" hh:mm:ss[.fraction] then "Z" or +hh:mm / -hh:mm. Seconds may be 60 (leap
// second, section 5.7). Lower-case 't' and 'z' are accepted as the RFC allows; a space is not.
bool IsValidDateTime(std::string_view text);

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_DATE_TIME_H_
