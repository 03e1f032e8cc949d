// Minimal UTF-8 helpers for the reader (the analyzer uses ICU instead).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ns::utf8 {

// Returns the byte offset of the first invalid UTF-8 sequence in text
// (overlong forms, surrogates and code points past U+10FFFF are invalid),
// or std::string_view::npos when all of text is valid.
size_t find_invalid(std::string_view text);

// Appends code point cp (at most U+10FFFF, not a surrogate) encoded as UTF-8.
void append(std::string& out, char32_t cp);

// Decodes the code point starting at text[pos] and advances pos past it.
// An invalid sequence reads as U+FFFD and advances one byte.
char32_t next(std::string_view text, size_t& pos);

}  // namespace ns::utf8
