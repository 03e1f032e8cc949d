#include "indexer/first_seen.h"

#include <algorithm>
#include <ctime>

#include "common/database.h"
#include "common/schema.h"

namespace ns {
namespace {

// The id term of a document of db (the one term with schema::kId's prefix).
std::string id_term_of(const Xapian::Document& doc) {
  const std::string prefix(schema::kId.prefix);
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(prefix);
  if (it == doc.termlist_end() || (*it).compare(0, prefix.size(), prefix) != 0) return "";
  return *it;
}

}  // namespace

FirstSeen::FirstSeen(const Xapian::Database& db, const Xapian::Database* previous)
    : previous_(previous),
      revision_(std::max(ns_revision(db), previous ? ns_revision(*previous) : 0)) {
  next_batch();
}

void FirstSeen::next_batch() {
  ++revision_;
  now_.seconds = Xapian::sortable_serialise(static_cast<double>(std::time(nullptr)));
  now_.revision = Xapian::sortable_serialise(static_cast<double>(revision_));
}

bool FirstSeen::read(const Xapian::Database& db, const std::string& id_term, Stamp& out) {
  Xapian::PostingIterator it = db.postlist_begin(id_term);
  if (it == db.postlist_end(id_term)) return false;
  const Xapian::Document doc = db.get_document(*it);
  std::string revision = doc.get_value(schema::kFirstSeenRevision.slot);
  if (revision.empty()) return false;  // written by an older schema
  out.seconds = doc.get_value(schema::kFirstSeen.slot);
  out.revision = std::move(revision);
  return true;
}

void FirstSeen::stamp(const Xapian::Database& db, const std::string& id_term,
                      Xapian::Document& doc) {
  Stamp kept;
  bool found = read(db, id_term, kept);
  if (!found) {
    if (auto it = removed_.find(id_term); it != removed_.end()) {
      kept = it->second;
      found = true;
    }
  }
  if (!found && previous_) found = read(*previous_, id_term, kept);
  const Stamp& s = found ? kept : now_;
  doc.add_value(schema::kFirstSeen.slot, s.seconds);
  doc.add_value(schema::kFirstSeenRevision.slot, s.revision);
}

void FirstSeen::remember(const Xapian::Database& db, const std::string& term) {
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::string revision = doc.get_value(schema::kFirstSeenRevision.slot);
    if (revision.empty()) continue;
    removed_[id_term_of(doc)] = {doc.get_value(schema::kFirstSeen.slot), std::move(revision)};
  }
}

void FirstSeen::commit(Xapian::WritableDatabase& db) {
  if (db.size() > 1) db.commit();
  db.set_metadata(std::string(schema::kMetaRevision), std::to_string(revision_));
  db.commit();
  next_batch();
}

}  // namespace ns
