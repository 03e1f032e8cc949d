#include "searcher/prior_table.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/schema.h"
#include "unit/temp_dir.h"

namespace {

// Documents 1..n holding "word" (wdf 1 + id % 3), a prior of id % 7 / 4 on
// all but every fifth, and every eleventh deleted.
Xapian::WritableDatabase database(const std::string& path, Xapian::docid n) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
  for (Xapian::docid id = 1; id <= n; ++id) {
    Xapian::Document doc;
    doc.add_term("word", 1 + id % 3);
    if (id % 2) doc.add_term("odd");
    if (id % 5) doc.add_value(ns::schema::kPrior.slot, Xapian::sortable_serialise((id % 7) / 4.0));
    db.replace_document(id, doc);
  }
  for (Xapian::docid id = 11; id <= n; id += 11) db.delete_document(id);
  db.commit();
  return db;
}

// Each hit of query with the priors added by source: "id:weight" joined.
std::string ranking(const Xapian::Database& db, const Xapian::Query& query,
                    Xapian::PostingSource* source, Xapian::doccount check_at_least) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source)));
  std::string out;
  const Xapian::MSet mset = enquire.get_mset(0, 20, check_at_least);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    out += std::to_string(*it) + ":" + std::to_string(it.get_weight()) + " ";
  }
  return out + "of " + std::to_string(mset.get_matches_estimated());
}

}  // namespace

TEST_CASE("PriorTable: the same ranking as Xapian's ValueWeightPostingSource") {
  ns::testing::TempDir dir;
  const Xapian::WritableDatabase db = database(dir.path("db"), 300);
  const auto table = ns::PriorTable::load(db);
  REQUIRE(table);
  CHECK(table->count == db.get_value_freq(ns::schema::kPrior.slot));
  CHECK(table->upper_bound == 1.5);
  const Xapian::Query queries[] = {
      Xapian::Query("word"), Xapian::Query("odd"),
      Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("odd"), Xapian::Query("word")),
      Xapian::Query::MatchAll};
  for (const Xapian::Query& query : queries) {
    for (Xapian::doccount check_at_least : {0u, 300u}) {
      CAPTURE(query.get_description());
      CAPTURE(check_at_least);
      const std::string xapian = ranking(
          db, query, (new Xapian::ValueWeightPostingSource(ns::schema::kPrior.slot))->release(),
          check_at_least);
      CHECK(ranking(db, query, ns::prior_source(table), check_at_least) == xapian);
    }
  }
}

TEST_CASE("PriorTable: none past kMaxDocids document ids") {
  ns::testing::TempDir dir;
  Xapian::WritableDatabase db(dir.path("db"), Xapian::DB_CREATE);
  db.replace_document(ns::PriorTable::kMaxDocids + 1, Xapian::Document());
  CHECK_FALSE(ns::PriorTable::load(db));
}

TEST_CASE("PriorTable: a match on a later revision reads the slot instead (regression)") {
  // A search reopened after a commit (search.cc, reading) kept the table of
  // the revision before: new and changed articles had stale or no priors.
  ns::testing::TempDir dir;
  Xapian::WritableDatabase db = database(dir.path("db"), 300);
  const auto table = ns::PriorTable::load(db);
  REQUIRE(table);
  for (Xapian::docid id = 290; id <= 320; ++id) {
    Xapian::Document doc;
    doc.add_term("word");
    doc.add_value(ns::schema::kPrior.slot, Xapian::sortable_serialise(2.0 + id % 3));
    db.replace_document(id, doc);
  }
  db.commit();
  const Xapian::Database later(dir.path("db"));
  CHECK_FALSE(table->is_of(later));
  for (Xapian::doccount check_at_least : {0u, 320u}) {
    CAPTURE(check_at_least);
    const std::string xapian = ranking(
        later, Xapian::Query("word"),
        (new Xapian::ValueWeightPostingSource(ns::schema::kPrior.slot))->release(), check_at_least);
    CHECK(ranking(later, Xapian::Query("word"), ns::prior_source(table), check_at_least) == xapian);
  }
}

TEST_CASE("PriorCache: one table a revision, none for an older handle") {
  ns::testing::TempDir dir;
  Xapian::WritableDatabase db = database(dir.path("db"), 100);
  ns::PriorCache cache(dir.path("db"));
  const Xapian::Database first(dir.path("db"));
  const auto table = cache.get(first);  // under kLoadAtOnce documents: loaded at once
  REQUIRE(table);
  CHECK(table->is_of(first));
  CHECK(cache.get(first) == table);
  Xapian::Document doc;
  doc.add_value(ns::schema::kPrior.slot, Xapian::sortable_serialise(1.0));
  db.add_document(doc);
  db.commit();
  const Xapian::Database second(dir.path("db"));
  const auto newer = cache.get(second);
  REQUIRE(newer);
  CHECK(newer != table);
  CHECK(newer->is_of(second));
  CHECK_FALSE(cache.get(first));  // a search still on the revision before
}

TEST_CASE("PriorTable: described as Xapian's source (--explain shows the same query)") {
  ns::testing::TempDir dir;
  const Xapian::WritableDatabase db = database(dir.path("db"), 10);
  const Xapian::Query xapian(
      (new Xapian::ValueWeightPostingSource(ns::schema::kPrior.slot))->release());
  CHECK(Xapian::Query(ns::prior_source(ns::PriorTable::load(db))).get_description() ==
        xapian.get_description());
}
