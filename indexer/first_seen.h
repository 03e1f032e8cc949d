// When each article first entered the database (schema::kFirstSeen and
// kFirstSeenRevision), and the database's revision (schema::kMetaRevision):
// ns-search --new-since and --since-last read them.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>

namespace ns {

// Stamps the documents one ns-index run writes. An article keeps the stamp
// it had under its id term: in the database written, else in what the run
// deleted before (a file's related entries are deleted and written again
// when it is edited; a related URL moves from one file to another), else in
// the database a rebuild replaces. Only an article none of these holds is
// new: it gets the stamp of the commit it goes into.
class FirstSeen {
 public:
  // previous: the database a --rebuild replaces (nullptr: none); the
  // revisions continue from the larger of its and db's.
  FirstSeen(const Xapian::Database& db, const Xapian::Database* previous);

  // Sets doc's stamp, doc being the article with id_term about to be
  // written into db. Throws Xapian::Error.
  void stamp(const Xapian::Database& db, const std::string& id_term, Xapian::Document& doc);

  // Remembers the stamps of the articles of db holding term (an id or
  // owner term), before they are deleted. Throws Xapian::Error.
  void remember(const Xapian::Database& db, const std::string& term);

  // Stores the revision of the writes since the last commit and commits
  // them: the documents first, so a reader never sees a revision whose
  // articles are not all committed (the shards of a database commit one
  // after another, and the first holds the metadata). The next writes get
  // the next revision and the time now. Throws Xapian::Error.
  void commit(Xapian::WritableDatabase& db);

 private:
  struct Stamp {
    std::string seconds;   // schema::kFirstSeen's value
    std::string revision;  // schema::kFirstSeenRevision's value
  };
  static bool read(const Xapian::Database& db, const std::string& id_term, Stamp& out);
  void next_batch();

  const Xapian::Database* previous_;
  std::uint64_t revision_;  // of the writes not yet committed
  Stamp now_;
  std::unordered_map<std::string, Stamp> removed_;  // by id term
};

}  // namespace ns
