// Tidies a text field for display and indexing: the quirks of real feeds.
#pragma once

#include <string>
#include <string_view>

namespace ns {

// Returns text (UTF-8; invalid bytes become U+FFFD) with HTML entities
// decoded (&amp; &nbsp; &#8217; &#x2019; and the common named ones), C1
// control characters read as the cp1252 characters they stood for (U+0097
// becomes an em dash), zero-width and byte-order marks (U+200B..U+200D,
// U+2060, U+FEFF, U+00AD) removed, and every run of white space (CR, LF and
// tabs included) folded into one space, trimmed at both ends.
std::string clean_text(std::string_view text);

}  // namespace ns
