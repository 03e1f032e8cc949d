#include "common/doc_data.h"

#include <doctest/doctest.h>

#include "common/errors.h"

TEST_CASE("doc_data: display fields round-trip") {
  ns::Article a;
  a.title = "商汤科技 SenseTime";
  a.excerpt = "excerpt";
  a.published_at = 1639452120;
  a.web_url = "https://example.com/a";
  a.original_url = "https://example.com/o";
  a.category = "news";
  a.type = "article";
  a.quality = 213;
  a.provider = {"Wall Street Journal", "wsj.com"};
  a.topics = {"AI", "AI Ethics"};
  a.tags = {"US-NM"};
  ns::StoredArticle s = ns::decode_doc_data(ns::encode_doc_data(a, "/data/a.md"));
  CHECK(s.source == "/data/a.md");
  CHECK(s.article.title == a.title);
  CHECK(s.article.excerpt == a.excerpt);
  CHECK(s.article.published_at == a.published_at);
  CHECK(s.article.url() == a.url());
  CHECK(s.article.category == a.category);
  CHECK(s.article.type == a.type);
  CHECK(s.article.quality == a.quality);
  CHECK(s.article.provider.name == a.provider.name);
  CHECK(s.article.provider.domain == a.provider.domain);
  CHECK(s.article.topics == a.topics);
  CHECK(s.article.tags == a.tags);
}

// Regression: cdnAmpWebUrl was not stored, so an article whose only URL it
// was showed none (though it collapsed by that URL).
TEST_CASE("doc_data: the URL shown round-trips whichever field holds it") {
  std::string ns::Article::*const kUrlFields[] = {
      &ns::Article::web_url, &ns::Article::original_url, &ns::Article::amp_web_url,
      &ns::Article::cdn_amp_web_url};
  for (std::string ns::Article::*field : kUrlFields) {
    ns::Article a;
    a.title = "t";
    a.*field = "https://example.com/only";
    CAPTURE(a.url());
    CHECK(ns::decode_doc_data(ns::encode_doc_data(a, "")).article.url() == a.url());
    ns::Article file;
    file.related = {a};
    const auto back = ns::decode_doc_data(ns::encode_doc_data(file, "", true), true);
    REQUIRE(back.article.related.size() == 1);
    CHECK(back.article.related[0].url() == a.url());
  }
  ns::Article both;
  both.original_url = "https://example.com/original";
  both.cdn_amp_web_url = "https://cdn.example.com/amp";
  CHECK(ns::decode_doc_data(ns::encode_doc_data(both, "")).article.url() == both.original_url);
}

TEST_CASE("doc_data: missing quality and date stay missing") {
  ns::Article a;
  a.title = "t";
  ns::StoredArticle s = ns::decode_doc_data(ns::encode_doc_data(a, ""));
  CHECK_FALSE(s.article.quality.has_value());
  CHECK_FALSE(s.article.published_at.has_value());
}

TEST_CASE("doc_data: foreign data is a DatabaseError") {
  CHECK_THROWS_AS(ns::decode_doc_data("plain text, not msgpack"), ns::DatabaseError);
}

TEST_CASE("doc_data: related entries are kept when asked for, and read only when asked for") {
  ns::Article a;
  a.title = "file";
  ns::Article r1, r2;
  r1.title = "first";
  r1.web_url = "https://example.com/1";
  r2.title = "second";
  a.related = {r1, r2};
  const std::string with = ns::encode_doc_data(a, "/a.md", true);
  const std::string without = ns::encode_doc_data(a, "/a.md");
  CHECK(ns::decode_doc_data(with).article.related.empty());
  const std::vector<ns::Article> back = ns::decode_doc_data(with, true).article.related;
  REQUIRE(back.size() == 2);
  CHECK(back[0].title == "first");
  CHECK(back[0].web_url == "https://example.com/1");
  CHECK(back[1].title == "second");
  CHECK(ns::decode_doc_data(with, true).article.title == "file");
  CHECK(ns::encoded_related(without).empty());
  CHECK_FALSE(ns::encoded_related(with).empty());
  a.title = "retitled";  // the entries alone decide
  CHECK(ns::encoded_related(ns::encode_doc_data(a, "/a.md", true)) == ns::encoded_related(with));
  a.related[1].title = "changed";
  CHECK(ns::encoded_related(ns::encode_doc_data(a, "/a.md", true)) != ns::encoded_related(with));
}
