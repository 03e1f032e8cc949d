#include "common/clean_text.h"

#include <cstdint>
#include <cstdlib>

#include "common/utf8.h"

namespace ns {
namespace {

struct NamedEntity {
  std::string_view name;
  char32_t cp;
};

constexpr NamedEntity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},    {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"laquo", 0xAB},    {"raquo", 0xBB},
    {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"euro", 0x20AC},   {"pound", 0xA3},
    {"yen", 0xA5},     {"bull", 0x2022},  {"middot", 0xB7},  {"deg", 0xB0},      {"eacute", 0xE9},
    {"egrave", 0xE8},  {"aacute", 0xE1},  {"oacute", 0xF3},  {"uuml", 0xFC},     {"ouml", 0xF6},
    {"auml", 0xE4},    {"ccedil", 0xE7},
};

// cp1252's meaning of the bytes 0x80..0x9F; 0 where cp1252 leaves a hole.
constexpr char32_t kCp1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

// Reads an entity starting at text[pos] == '&'. On success returns its code
// point and advances pos past the ';'; otherwise returns 0 and leaves pos.
char32_t read_entity(std::string_view text, size_t& pos) {
  size_t semi = text.find(';', pos + 1);
  if (semi == std::string_view::npos || semi - pos > 12) return 0;
  std::string_view body = text.substr(pos + 1, semi - pos - 1);
  char32_t cp = 0;
  if (body.size() >= 2 && body[0] == '#') {
    bool hex = body[1] == 'x' || body[1] == 'X';
    std::string digits(body.substr(hex ? 2 : 1));
    if (digits.empty()) return 0;
    char* end = nullptr;
    unsigned long value = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    if (*end != '\0' || value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      return 0;
    }
    cp = static_cast<char32_t>(value);
  } else {
    for (const auto& entity : kEntities) {
      if (entity.name == body) cp = entity.cp;
    }
    if (cp == 0) return 0;
  }
  pos = semi + 1;
  return cp;
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F;
}

bool is_invisible(char32_t cp) {
  return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD ||
         (cp < 0x20 && !is_space(cp)) || cp == 0x7F;
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp;
    if (text[pos] == '&') {
      cp = read_entity(text, pos);
      if (cp == 0) {
        cp = '&';
        ++pos;
      }
    } else {
      cp = utf8::next(text, pos);
    }
    if (cp >= 0x80 && cp <= 0x9F) cp = kCp1252[cp - 0x80] ? kCp1252[cp - 0x80] : ' ';
    if (is_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (is_invisible(cp)) continue;
    if (pending_space) out += ' ';
    pending_space = false;
    utf8::append(out, cp);
  }
  return out;
}

}  // namespace ns
