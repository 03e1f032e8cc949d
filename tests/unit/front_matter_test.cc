#include "common/front_matter.h"

#include <doctest/doctest.h>

#include <string>

#include "common/errors.h"

namespace {

std::string error_of(const std::string& contents) {
  try {
    ns::parse_article(contents, "a.md");
  } catch (const ns::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("front matter: every field of the seed format") {
  ns::Article a = ns::read_article_file(NS_SOURCE_DIR "/data/seeds/000_51c667d420f41a0c.txt");
  CHECK(a.title == "Chinese AI company SenseTime postpones HK IPO after US ban");
  CHECK(a.excerpt.rfind("It added, \"Our AI ethics council", 0) == 0);
  CHECK(a.published_at == 1639452120);
  CHECK(a.web_url ==
        "https://www.marketing-interactive.com/"
        "chinese-ai-company-sensetime-postpones-hk-ipo-after-us-ban");
  CHECK(a.original_url == a.web_url);
  CHECK(a.category == "news");
  CHECK(a.type == "article");
  CHECK(a.quality == 39);
  CHECK(a.heat == -1);
  CHECK(a.published == false);
  CHECK(a.provider.name == "Marketing Interactive");
  CHECK(a.provider.domain == "marketing-interactive.com");
  CHECK(a.topics == std::vector<std::string>{"AI Ethics", "AI"});
  REQUIRE(a.images.size() == 1);
  CHECK(a.images[0].width == 800);
  REQUIRE(a.related.size() == 11);
  CHECK(a.related[0].title ==
        "Chinese AI Company SenseTime Delays IPO as U.S. Imposes Investment Ban");
  CHECK(a.related[0].provider.domain == "wsj.com");
  CHECK(a.related[0].quality == 87);
  CHECK(a.related[0].amp_web_url.find("/amp/") != std::string::npos);
}

TEST_CASE("front matter: real-data variants") {
  // CRLF line endings.
  ns::Article crlf = ns::parse_article("---\r\ntitle: \"T\"\r\nquality: 5\r\n---\r\n", "a.md");
  CHECK(crlf.title == "T");
  CHECK(crlf.quality == 5);
  // A byte-order mark before the opening fence.
  CHECK(ns::parse_article("\xEF\xBB\xBF---\ntitle: T\n---\n", "a.md").title == "T");
  // Missing quality is not 0; quality may pass 100.
  CHECK_FALSE(ns::parse_article("---\ntitle: T\n---\n", "a.md").quality.has_value());
  CHECK(ns::parse_article("---\ntitle: T\nquality: 213\n---\n", "a.md").quality == 213);
  // Escaped \r\n inside a double-quoted excerpt, and HTML entities.
  CHECK(ns::parse_article("---\ntitle: T\nexcerpt: \"a\\r\\nb &amp; c\"\n---\n", "a.md").excerpt ==
        "a b & c");
  // A video with only originalUrl.
  ns::Article video =
      ns::parse_article("---\ntitle: V\noriginalUrl: \"https://y/v\"\n---\n", "a.md");
  CHECK(video.url() == "https://y/v");
  // Dates with an offset are stored in UTC.
  CHECK(ns::parse_article("---\ntitle: T\npublishedDateTime: 2021-12-13T20:22:00-07:00\n---\n",
                          "a.md")
            .published_at == 1639452120);
  // Unknown fields are ignored; a provider name with an apostrophe.
  ns::Article odd = ns::parse_article(
      "---\ntitle: T\nsomething: [1, 2]\nprovider:\n  name: Becker's Hospital Review\n---\n",
      "a.md");
  CHECK(odd.provider.name == "Becker's Hospital Review");
}

TEST_CASE("front matter: bad input names the line and column") {
  struct Case {
    const char* contents;
    const char* error;
  };
  const Case cases[] = {
      {"", "a.md: empty file"},
      {"---\ntitle: caf\xe9\n---\n", "a.md:2:11: invalid UTF-8: the file must be saved as UTF-8"},
      {"title: T\n", "a.md:1:1: no front matter: the file must start with a \"---\" line"},
      {"---\ntitle: T\n",
       "a.md:1:1: front matter is not closed: add a \"---\" line after the last field"},
      {"---\ntitle: T\nquality: high\n---\n",
       "a.md:3:10: quality: expected an integer, got \"high\""},
      {"---\ntitle: [a, b]\n---\n", "a.md:2:8: title: expected text, got a list"},
      {"---\nexcerpt: e\n---\n", "a.md:2:1: no title: every article needs a \"title:\" field"},
      {"---\ntitle: T\ntopics: [AI, ML\n---\n",
       "a.md:3:9: YAML: a [ list ] or { mapping } here is not closed, or lacks a ','"},
      {"---\ntitle: T\n  bad: indent\n---\n",
       "a.md:3:6: YAML: a ':' where YAML allows none: quote a value that holds \": \""},
      {"---\ntitle:hi\n---\n",
       "a.md:2:1: front matter must be a mapping of fields, got a scalar; a key needs a space "
       "after its ':' (title: value)"},
      // Regression (issue 26): yaml-cpp read an unclosed quote to the end,
      // swallowing the next field into the title.
      {"---\ntitle: \"broken quote\nexcerpt: x\n---\n",
       "a.md:2:8: YAML: a quoted value starts here and is not closed: add its closing quote"},
      {"---\ntitle: T\nexcerpt: a\nexcerpt: b\n---\n",
       "a.md:4:1: YAML: \"excerpt\" is named twice in one mapping: keep one"},
      {"---\ntitle: T\npublishedDateTime: yesterday\n---\n",
       "a.md:3:20: publishedDateTime: expected an ISO 8601 date such as 2021-12-14T03:22:00Z, got "
       "\"yesterday\""},
      {"---\ntitle: T\npublished: maybe\n---\n",
       "a.md:3:12: published: expected true or false, got \"maybe\""},
      {"---\ntitle: T\nprovider: Reuters\n---\n",
       "a.md:3:11: provider: expected a mapping, got a scalar"},
      {"---\n- a\n- b\n---\n", "a.md:2:1: front matter must be a mapping of fields, got a list"},
      // Found by make fuzz: an alias inside its own anchor nested without
      // end and overflowed the stack.
      {"---\ntitle: T\na: &a [x, *a]\n---\n",
       "a.md:3:8: YAML: the front matter nests more than 32 levels deep (an alias inside its "
       "own anchor?); ns reads plain fields"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.contents);
    CHECK(error_of(c.contents) == std::string(c.error));
  }
  const std::string binary("---\ntitle: T\0\n---\n", 17);
  CHECK(error_of(binary) == "a.md: binary file (contains NUL bytes), not an article");
}

TEST_CASE("front matter: files that cannot be read") {
  CHECK_THROWS_WITH_AS(ns::read_article_file("/nonexistent/a.md"),
                       "/nonexistent/a.md: cannot open: No such file or directory", ns::InputError);
}
