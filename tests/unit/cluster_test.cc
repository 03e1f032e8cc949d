#include "indexer/cluster.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "common/schema.h"

namespace {

std::string title(const std::string& key) { return ns::schema::term(ns::schema::kWholeTitle, key); }
std::string id(const std::string& name) { return ns::schema::term(ns::schema::kId, name); }

// An article with an id and the title term of key.
Xapian::Document article(const std::string& name, const std::string& key) {
  Xapian::Document doc;
  doc.add_boolean_term(id(name));
  doc.add_term(title(key));
  return doc;
}

// A database holding one article for each "name:title key" given.
Xapian::WritableDatabase database(const std::vector<std::string>& articles) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const std::string& a : articles) {
    const std::size_t colon = a.find(':');
    db.add_document(article(a.substr(0, colon), a.substr(colon + 1)));
  }
  return db;
}

// Replaces article name with one titled key, as the indexer does, and
// returns the terms whose clusters LinkChanges would update.
std::set<std::string> retitle(Xapian::WritableDatabase& db, const std::string& name,
                              const std::string& key) {
  ns::LinkChanges links;
  const Xapian::Document old = db.get_document(*db.postlist_begin(id(name)));
  const Xapian::Document replacement = article(name, key);
  links.replace(db, old, replacement, id(name));
  db.replace_document(id(name), replacement);
  return links.take(db);
}

}  // namespace

TEST_CASE("LinkChanges: only terms that join articles before or after a change count") {
  struct Case {
    std::vector<std::string> articles;
    std::string retitled, to;
    std::set<std::string> expected;
  };
  const Case cases[] = {
      // A title of its own for another of its own: no cluster changes.
      {{"f:a", "g:b"}, "f", "c", {}},
      // Leaving a title shared with g: both clusters are recomputed.
      {{"f:t", "g:t"}, "f", "u", {title("t"), id("f")}},
      // Taking g's title: joined once f is written.
      {{"f:a", "g:t"}, "f", "t", {title("t")}},
      // Taking a title three others share: joined already.
      {{"f:a", "g:t", "h:t"}, "f", "t", {title("t")}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.to);
    Xapian::WritableDatabase db = database(c.articles);
    CHECK(retitle(db, c.retitled, c.to) == c.expected);
  }
}

TEST_CASE("LinkChanges: an article leaving a title while it joins too many counts once it joins") {
  // a and b share t; others take it until it holds one article too many
  // to join any; a leaves it, so t joins again, and a's cluster, which t
  // joined to b's at first, must be recomputed too.
  const int others = static_cast<int>(ns::schema::kMaxDuplicateGroup) - 1;
  std::vector<std::string> articles{"a:t", "b:t"};
  for (int i = 0; i < others; ++i) {
    articles.push_back("x" + std::to_string(i) + ":own" + std::to_string(i));
  }
  Xapian::WritableDatabase db = database(articles);
  ns::LinkChanges links;
  auto retitle_in_run = [&](const std::string& name, const std::string& key) {
    const Xapian::Document old = db.get_document(*db.postlist_begin(id(name)));
    const Xapian::Document replacement = article(name, key);
    links.replace(db, old, replacement, id(name));
    db.replace_document(id(name), replacement);
  };
  for (int i = 0; i < others; ++i) retitle_in_run("x" + std::to_string(i), "t");
  retitle_in_run("a", "u");
  const std::set<std::string> terms = links.take(db);
  CHECK(terms.count(title("t")));
  CHECK(terms.count(id("a")));
  CHECK(links.take(db).empty());  // taken: starts afresh
}
