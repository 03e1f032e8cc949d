// ISO 8601 timestamps to and from seconds since the Unix epoch (UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ns {

// Parses "YYYY-MM-DD" alone, or followed by "THH:MM[:SS[.frac]]" and an
// offset: none (UTC), "Z" or "z", or "+HH", "+HH:MM" or "+HHMM" (or with
// "-"; hours at most 14; "+HH:" passes as "+HH"). "t" or a space may stand
// for "T"; SS may be 60 (a leap second); frac is one or more digits,
// ignored. Returns seconds since the epoch in UTC, or nullopt when the text
// is not such a timestamp or names an impossible date or time.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// Formats seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ".
std::string format_iso8601(std::int64_t seconds);

// Formats seconds since the epoch as "YYYY-MM-DD" (UTC).
std::string format_date(std::int64_t seconds);

// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);

}  // namespace ns
