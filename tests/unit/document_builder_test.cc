#include "indexer/document_builder.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/schema.h"

namespace {

// The positions of a free-text word in doc, "|"-joined.
std::string positions(const Xapian::Document& doc, const std::string& word) {
  std::string out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (*t != ns::schema::term(ns::schema::kAnyText, word)) continue;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      out += (out.empty() ? "" : "|") + std::to_string(*p);
    }
  }
  return out;
}

Xapian::Document document(const std::string& title, const std::string& excerpt) {
  ns::Article a;
  a.title = title;
  a.excerpt = excerpt;
  ns::Analyzer analyzer;
  return ns::build_file_document(a, ns::FileInfo{"/a.md", "a.md", 1, 1}, analyzer);
}

}  // namespace

// Xapian rewrites the position lists of a replaced document that differ: an
// edited title must not move the excerpt's words.
TEST_CASE("build_document: excerpt positions do not depend on the title") {
  const std::string excerpt = "harbour fire spreads";
  const Xapian::Document short_title = document("Fire", excerpt);
  const Xapian::Document long_title = document("A much longer title about the harbour", excerpt);
  CHECK(positions(short_title, "spreads") == std::to_string(ns::schema::kExcerptStart + 3));
  CHECK(positions(long_title, "spreads") == positions(short_title, "spreads"));
  CHECK(positions(long_title, "harbour") == "7|" + std::to_string(ns::schema::kExcerptStart + 1));
}

TEST_CASE("build_document: past a title of kExcerptStart words the excerpt still keeps its gap") {
  std::string title;
  for (Xapian::termpos i = 0; i < ns::schema::kExcerptStart; ++i) title += "word ";
  const Xapian::Document doc = document(title + "last", "next");
  CHECK(positions(doc, "last") == std::to_string(ns::schema::kExcerptStart + 1));
  CHECK(positions(doc, "next") ==
        std::to_string(ns::schema::kExcerptStart + 1 + ns::schema::kFieldGap + 1));
}
