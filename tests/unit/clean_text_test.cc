#include "common/clean_text.h"

#include <doctest/doctest.h>

TEST_CASE("clean_text: feed quirks") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"plain", "plain"},
      {"  padded \t ", "padded"},
      {"line one\r\nline two", "line one line two"},
      {"A &amp; B", "A & B"},
      {"a&nbsp;b", "a b"},
      {"it&#8217;s &#x201C;quoted&#x201D;", "it’s “quoted”"},
      {"&lt;b&gt;", "<b>"},
      {"AT&T and &unknown; &", "AT&T and &unknown; &"},
      {"&#0; &#xD800;", "&#0; &#xD800;"},
      // U+0097 is cp1252's em dash mistaken for a C1 control character.
      {"approach\xC2\x97no lockdown", "approach—no lockdown"},
      {"\xEF\xBB\xBF"
       "Federal",
       "Federal"},
      {"zero\xE2\x80\x8Bwidth", "zerowidth"},
      {"soft\xC2\xADhyphen", "softhyphen"},
      {"bell\x07", "bell"},
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(ns::clean_text(c.in) == c.out);
  }
}
