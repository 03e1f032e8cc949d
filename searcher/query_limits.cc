#include "searcher/query_limits.h"

#include <string>

#include "common/errors.h"
#include "common/utf8.h"

namespace ns {
namespace {

// Chinese, Japanese and Korean characters: the analyzer makes terms of each
// one and of each pair.
bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x3000 ||
         c == 0xA0;
}

[[noreturn]] void too_long(std::size_t count, const char* what, std::size_t most) {
  throw query_too_long(std::to_string(count), what, most);
}

}  // namespace

QueryError query_too_long(const std::string& count, const char* what, std::size_t most) {
  return QueryError("query: too long: " + count + " " + what + ", at most " + std::to_string(most) +
                    " (a query holds at most " + std::to_string(kMaxQueryBytes) + " bytes, " +
                    std::to_string(kMaxQueryWords) + " words, " + std::to_string(kMaxQueryTerms) +
                    " terms, parentheses " + std::to_string(kMaxQueryDepth) + " deep)");
}

void check_query_size(std::string_view text) {
  if (text.size() > kMaxQueryBytes) too_long(text.size(), "bytes", kMaxQueryBytes);
  std::size_t words = 0, terms = 0;
  int depth = 0;
  bool quoted = false;
  enum { kBetween, kInWord, kInCjk } state = kBetween;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = utf8::next(text, pos);
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '(' && ++depth > kMaxQueryDepth) {
      too_long(static_cast<std::size_t>(depth), "levels of parentheses", kMaxQueryDepth);
    }
    if (!quoted && c == ')' && depth > 0) --depth;
    if (is_space(c) || c == '"' || c == '(' || c == ')') {
      state = kBetween;
    } else if (is_cjk(c)) {
      words += state != kInCjk;
      terms += 2;
      state = kInCjk;
    } else {
      words += state != kInWord;
      terms += state != kInWord;
      state = kInWord;
    }
    if (words > kMaxQueryWords) too_long(words, "words", kMaxQueryWords);
    if (terms > kMaxQueryTerms) too_long(terms, "terms", kMaxQueryTerms);
  }
}

}  // namespace ns
