#include "common/printable.h"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("printable: controls and bidi overrides shown as escapes, the rest kept") {
  const struct {
    std::string text;
    std::string shown;
    std::string url;
  } rows[] = {
      {"plain text, 商汤 é", "plain text, 商汤 é", "plain%20text,%20商汤%20é"},
      {"a\x1b[31mred", "a\\u{1b}[31mred", "a%1B[31mred"},
      {"two\nlines", "two\\u{a}lines", "two%0Alines"},
      {"tab\there", "tab here", "tab%09here"},
      {"del\x7f", "del\\u{7f}", "del%7F"},
      {"c1\xc2\x97", "c1\\u{97}", "c1%C2%97"},
      {"rlo\xe2\x80\xae" "txt", "rlo\\u{202e}txt", "rlo%E2%80%AEtxt"},
      {"bad \xff byte", "bad \xff byte", "bad%20\xff" "%20byte"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    CHECK(ns::printable(row.text) == row.shown);
    CHECK(ns::printable_url(row.text) == row.url);
  }
}
