// Where ns-index writes each article in a database of several shards
// (common/shards.h): every article of one cluster on the shard its collapse
// key hashes to. A served shard collapses only the articles it holds, so a
// cluster kept whole on one shard collapses, and counts, as in one database.
// Articles move when their cluster's key changes (indexer/cluster.h). With
// one shard these are Xapian's own calls.
#pragma once

#include <xapian.h>

#include <string>

namespace ns {

// Adds doc, a new article, on the shard of its collapse key.
void add_article(Xapian::WritableDatabase& db, const Xapian::Document& doc);

// Replaces the article holding id_term with doc, where it is (the cluster
// step moves it if need be), or adds doc when there is none.
void replace_article(Xapian::WritableDatabase& db, const std::string& id_term,
                     const Xapian::Document& doc);

// Whether the article id is on the shard of the collapse key cluster.
bool placed(const Xapian::Database& db, Xapian::docid id, const std::string& cluster);

// Writes doc as the new version of article id, moved to the shard of its
// collapse key when it is elsewhere (it then gets a new docid).
void rewrite_article(Xapian::WritableDatabase& db, Xapian::docid id, const Xapian::Document& doc);

}  // namespace ns
