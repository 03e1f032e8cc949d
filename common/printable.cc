#include "common/printable.h"

#include <cstdio>

#include "common/utf8.h"

namespace ns {
namespace {

bool needs_escape(char32_t c) {
  return (c < 0x20 && c != '\t') || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x061C ||
         c == 0x200E || c == 0x200F || c == 0x2028 || c == 0x2029 ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// The code point starting at text[i] and its length in bytes; for a byte
// that starts no valid sequence, itself (above any escaped code point).
char32_t decode(std::string_view text, std::size_t i, std::size_t& length) {
  std::size_t next = i;
  const char32_t c = utf8::next(text, next);
  length = next - i;
  if (c == 0xFFFD && text.compare(i, 3, "\xEF\xBF\xBD") != 0) {
    length = 1;
    return 0x110000;
  }
  return c;
}

// text with each character the same but those escape rewrites (it appends
// their escape to out and returns true).
template <typename Escape>
std::string rewritten(std::string_view text, Escape escape) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const char32_t c = decode(text, i, length);
    if (!escape(c, text.substr(i, length), out)) out.append(text, i, length);
    i += length;
  }
  return out;
}

}  // namespace

std::string printable(std::string_view text) {
  return rewritten(text, [](char32_t c, std::string_view, std::string& out) {
    if (c == '\t') {
      out += ' ';
    } else if (needs_escape(c)) {
      char escaped[16];
      std::snprintf(escaped, sizeof escaped, "\\u{%x}", static_cast<unsigned>(c));
      out += escaped;
    } else {
      return false;
    }
    return true;
  });
}

std::string printable_url(std::string_view url) {
  return rewritten(url, [](char32_t c, std::string_view bytes, std::string& out) {
    if (c > 0x20 && !needs_escape(c)) return false;
    for (const char byte : bytes) {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X",
                    static_cast<unsigned>(static_cast<unsigned char>(byte)));
      out += escaped;
    }
    return true;
  });
}

}  // namespace ns
