// Keeps the collapse key (schema::kClusterKey) of every article in step:
// articles linked by story, URL, normalised title or event (an event term
// they share and same_event accepts, indexer/events.h), directly or
// through others, share the smallest story id among them.
#pragma once

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns {

// The terms by which doc links to others (story, URL, event, title), added to
// terms. Call it for every document written or deleted, before deleting.
void add_link_terms(const Xapian::Document& doc, std::set<std::string>& terms);

// The same for every document in db holding term (an id or owner term).
void add_link_terms(const Xapian::Database& db, const std::string& term,
                    std::set<std::string>& terms);

// Whether the link term joins the articles that hold it now: a story
// always; a URL, title or event term when 2 to kMaxDuplicateGroup articles
// share it (an event term only the pairs of them same_event accepts).
bool joins(const Xapian::Database& db, const std::string& term);

// The link terms whose clusters a run must update. A term an article gains
// or loses when it is replaced matters only if it joins articles before or
// after: a new title no other article has changes no cluster, so editing
// an article's text costs no cluster update.
class LinkChanges {
 public:
  // Every link term of doc, an article written or deleted.
  void add(const Xapian::Document& doc) { add_link_terms(doc, terms_); }

  // The set add adds to, for the calls that take one.
  std::set<std::string>& terms() { return terms_; }

  // The terms old, as db holds it, and its replacement, whose id term is
  // id_term, differ by, and its event terms when their sketches differ.
  // Call it before writing the replacement.
  void replace(const Xapian::Database& db, const Xapian::Document& old,
               const Xapian::Document& replacement, const std::string& id_term);

  // The terms whose clusters to update now that db holds the run's writes;
  // starts afresh.
  std::set<std::string> take(const Xapian::Database& db);

 private:
  std::set<std::string> terms_;
  // Terms gained or lost while they joined nothing, with the id terms of
  // the articles that lost them: updated, with those articles, only if
  // they join articles at take or another change updates them.
  std::map<std::string, std::vector<std::string>> idle_;
};

// Recomputes the cluster of every article holding one of terms, and of all
// articles linked to those, and rewrites the articles whose key changed.
// The keys depend only on what the database holds, so an incremental run
// and a rebuild agree. Throws Xapian::Error.
void update_clusters(Xapian::WritableDatabase& db, const std::set<std::string>& terms);

// The same for every article at once, from the link terms' posting lists
// alone (no document read but those rewritten): for a database built
// without update_clusters, such as a merged rebuild. Throws Xapian::Error.
void update_all_clusters(Xapian::WritableDatabase& db);

}  // namespace ns
