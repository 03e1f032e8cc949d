#include "indexer/placement.h"

#include <vector>

#include "common/schema.h"
#include "common/shards.h"

namespace ns {
namespace {

unsigned shards(const Xapian::Database& db) { return static_cast<unsigned>(db.size()); }

// Xapian numbers the documents of n shards in turn: docid d is on shard
// (d - 1) % n. The first unused docid on shard s is past the last one.
Xapian::docid next_docid_on(const Xapian::WritableDatabase& db, unsigned s) {
  const unsigned n = shards(db);
  Xapian::docid id = db.get_lastdocid() + 1;
  while ((id - 1) % n != s) ++id;
  return id;
}

std::string cluster_of(const Xapian::Document& doc) {
  return doc.get_value(schema::kClusterKey.slot);
}

}  // namespace

void add_article(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  if (shards(db) == 1) {
    db.add_document(doc);
    return;
  }
  db.replace_document(next_docid_on(db, shard_of(cluster_of(doc), shards(db))), doc);
}

void replace_article(Xapian::WritableDatabase& db, const std::string& id_term,
                     const Xapian::Document& doc) {
  if (shards(db) == 1) {
    db.replace_document(id_term, doc);
    return;
  }
  Xapian::PostingIterator it = db.postlist_begin(id_term);
  if (it == db.postlist_end(id_term)) {
    add_article(db, doc);
    return;
  }
  const Xapian::docid first = *it;
  std::vector<Xapian::docid> others(++it, db.postlist_end(id_term));
  for (Xapian::docid other : others) db.delete_document(other);
  db.replace_document(first, doc);
}

bool placed(const Xapian::Database& db, Xapian::docid id, const std::string& cluster) {
  const unsigned n = shards(db);
  return n == 1 || (id - 1) % n == shard_of(cluster, n);
}

void rewrite_article(Xapian::WritableDatabase& db, Xapian::docid id, const Xapian::Document& doc) {
  if (placed(db, id, cluster_of(doc))) {
    db.replace_document(id, doc);
    return;
  }
  add_article(db, doc);  // first: doc may still read its terms from id
  db.delete_document(id);
}

}  // namespace ns
