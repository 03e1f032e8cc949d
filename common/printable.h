// Text made safe to print on a terminal or in a line-based format: article
// files and file names can hold control characters that would drive the
// user's terminal (ESC), split a line (LF) or reorder what is shown
// (U+202E).
#pragma once

#include <string>
#include <string_view>

namespace ns {

// text (UTF-8) with every C0 control but tab, DEL, every C1 control and
// every bidirectional formatting character (U+061C, U+200E, U+200F,
// U+202A..U+202E, U+2066..U+2069) and the line and paragraph separators
// (U+2028, U+2029) written as a visible escape, \u{1b};
// tabs become spaces. Invalid UTF-8 bytes are kept as they are.
std::string printable(std::string_view text);

// url with the bytes a URL may not hold as they are (controls, space, DEL,
// and the UTF-8 bytes of the characters printable escapes) percent-encoded,
// so a URL is always one word on one line (xargs, curl).
std::string printable_url(std::string_view url);

}  // namespace ns
