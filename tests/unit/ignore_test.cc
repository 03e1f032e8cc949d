#include "indexer/ignore.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

// One row: the rule lines, a path relative to the root, whether it is a
// folder, and whether the rules exclude it.
struct Case {
  std::vector<std::string> lines;
  std::string path;
  bool folder;
  bool ignored;
};

void check_table(const std::vector<Case>& table) {
  for (const Case& c : table) {
    ns::IgnoreRules rules;
    for (const std::string& line : c.lines) rules.add(line);
    std::string shown;
    for (const std::string& line : c.lines) shown += "[" + line + "]";
    INFO("rules " << shown << ", path " << c.path << (c.folder ? "/" : ""));
    CHECK(rules.ignored(c.path, c.folder) == c.ignored);
  }
}

}  // namespace

TEST_CASE("IgnoreRules: blank lines, comments, trailing spaces") {
  check_table({
      {{}, "a.md", false, false},
      {{""}, "a.md", false, false},
      {{"   "}, "a.md", false, false},
      {{"# a.md"}, "a.md", false, false},
      {{"# a.md"}, "# a.md", false, false},
      {{"\\#a.md"}, "#a.md", false, true},  // an escaped "#" is a name
      {{"a.md   "}, "a.md", false, true},   // trailing spaces dropped
      {{"a.md\\ "}, "a.md ", false, true},  // but for an escaped one
      {{"a.md\\ "}, "a.md", false, false},
      {{"a.md\r"}, "a.md", false, true},  // a CRLF file
      {{"/"}, "a.md", false, false},      // nothing to match
      {{"!"}, "a.md", false, false},
  });
}

TEST_CASE("IgnoreRules: a name without a slash matches at any depth") {
  check_table({
      {{"SOURCES.md"}, "SOURCES.md", false, true},
      {{"SOURCES.md"}, "a/b/SOURCES.md", false, true},
      {{"SOURCES.md"}, "a/SOURCES.md.bak", false, false},
      {{"drafts"}, "drafts", true, true},
      {{"drafts"}, "news/drafts", true, true},
      {{"drafts"}, "news/drafts.md", false, false},
      {{"*.txt"}, "a/b/c.txt", false, true},
      {{"*.txt"}, "a.txt/b.md", false, false},  // only the path's own name
      {{"*"}, ".hidden.md", false, true},       // "*" matches a leading dot, as in git
  });
}

TEST_CASE("IgnoreRules: a slash anchors the pattern to the root") {
  check_table({
      {{"/SOURCES.md"}, "SOURCES.md", false, true},
      {{"/SOURCES.md"}, "a/SOURCES.md", false, false},
      {{"cjk/*.txt"}, "cjk/dev.txt", false, true},
      {{"cjk/*.txt"}, "x/cjk/dev.txt", false, false},  // a middle slash anchors too
      {{"cjk/*.txt"}, "cjk/sub/dev.txt", false, false},
      {{"/cjk"}, "cjk", true, true},
      {{"a//b.md"}, "a/b.md", false, true},  // empty parts dropped
  });
}

TEST_CASE("IgnoreRules: a trailing slash matches folders only") {
  check_table({
      {{"cjk/"}, "cjk", true, true},
      {{"cjk/"}, "cjk", false, false},
      {{"cjk/"}, "news/cjk", true, true},  // no other slash: any depth
      {{"/cjk/"}, "news/cjk", true, false},
      {{"/cjk/"}, "cjk", true, true},
      {{"news/cjk/"}, "news/cjk", true, true},
      {{"news/cjk/"}, "news/cjk", false, false},
  });
}

TEST_CASE("IgnoreRules: *, ? and [...] stay within a name") {
  check_table({
      {{"/a*"}, "abc.md", false, true},
      {{"/a*"}, "a/b.md", false, false},
      {{"/a*/b.md"}, "ax/b.md", false, true},
      {{"/a*b.md"}, "ax/b.md", false, false},  // "*" does not match "/"
      {{"?.md"}, "a.md", false, true},
      {{"?.md"}, "ab.md", false, false},
      {{"/a?b.md"}, "a/b.md", false, false},  // nor does "?"
      {{"[abc].md"}, "b.md", false, true},
      {{"[abc].md"}, "d.md", false, false},
      {{"[!abc].md"}, "d.md", false, true},
      {{"[a-c]x.md"}, "bx.md", false, true},
      {{"\\*.md"}, "*.md", false, true},  // escaped: a literal "*"
      {{"\\*.md"}, "a.md", false, false},
  });
}

TEST_CASE("IgnoreRules: ** matches any number of folders") {
  check_table({
      {{"**/cjk"}, "cjk", true, true},  // leading: none or more
      {{"**/cjk"}, "a/b/cjk", true, true},
      {{"**/cjk/*.txt"}, "x/cjk/dev.txt", false, true},
      {{"a/**/b.md"}, "a/b.md", false, true},  // middle: none or more
      {{"a/**/b.md"}, "a/x/y/b.md", false, true},
      {{"a/**/b.md"}, "x/a/b.md", false, false},
      {{"a/**"}, "a/x", false, true},  // trailing: one or more, not a itself
      {{"a/**"}, "a/x/y.md", false, true},
      {{"a/**"}, "a", true, false},
      {{"/**"}, "a/b.md", false, true},
      {{"a**b.md"}, "axxb.md", false, true},  // not a whole part: one "*"
      {{"/a**b.md"}, "ax/b.md", false, false},
  });
}

TEST_CASE("IgnoreRules: ! re-includes, and the last rule to match wins") {
  check_table({
      {{"*.md", "!keep.md"}, "keep.md", false, false},
      {{"*.md", "!keep.md"}, "other.md", false, true},
      {{"!keep.md", "*.md"}, "keep.md", false, true},  // order matters
      {{"/cjk/*", "!/cjk/keep.md"}, "cjk/keep.md", false, false},
      {{"/cjk/*", "!/cjk/keep.md"}, "cjk/drop.md", false, true},
      {{"a/**", "!a/sub/", "a/sub/x.md"}, "a/sub", true, false},
      {{"a/**", "!a/sub/", "a/sub/x.md"}, "a/sub/x.md", false, true},
      {{"a/**", "!a/sub/", "a/sub/x.md"}, "a/sub/y.md", false, true},  // "a/**" still
      {{"\\!keep.md"}, "!keep.md", false, true},                       // an escaped "!" is a name
      {{"!keep.md"}, "keep.md", false, false},                         // nothing to take back
  });
}

TEST_CASE("IgnoreRules: add_lines reads a whole file") {
  ns::IgnoreRules rules;
  CHECK(rules.empty());
  rules.add_lines("# non-article files\r\n/SOURCES.md\r\n\r\ncjk/\n!cjk/keep/\n");
  CHECK_FALSE(rules.empty());
  CHECK(rules.ignored("SOURCES.md", false));
  CHECK(rules.ignored("cjk", true));
  CHECK_FALSE(rules.ignored("cjk/keep", true));
  CHECK_FALSE(rules.ignored("news/a.md", false));
}
