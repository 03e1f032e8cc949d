#include "common/utf8.h"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("utf8::find_invalid") {
  struct Case {
    std::string text;
    size_t bad;
  };
  const size_t ok = std::string_view::npos;
  const Case cases[] = {
      {"ascii", ok},           {"商汤 센스타임 😀", ok}, {"ab\xff", 2}, {"\xc3", 0},  // truncated
      {"a\xc0\xaf", 1},                                                              // overlong '/'
      {"\xed\xa0\x80", 0},                                                           // surrogate
      {"\xf4\x90\x80\x80", 0},  // past U+10FFFF
      {"x\xe5\x95z", 1},        // bad continuation
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(ns::utf8::find_invalid(c.text) == c.bad);
  }
}

TEST_CASE("utf8::append and next round-trip") {
  for (char32_t cp : {U'a', U'é', U'商', U'😀', char32_t{0x10FFFF}}) {
    std::string s;
    ns::utf8::append(s, cp);
    size_t pos = 0;
    CHECK(ns::utf8::next(s, pos) == cp);
    CHECK(pos == s.size());
  }
}
