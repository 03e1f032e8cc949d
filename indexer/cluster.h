// Keeps the collapse key (schema::kClusterKey) of every article in step:
// articles linked by story, URL or normalised title, directly or through
// others, share the smallest story id among them.
#pragma once

#include <xapian.h>

#include <set>
#include <string>

namespace ns {

// The terms by which doc links to others (story, URL and title), added to
// terms. Call it for every document written or deleted, before deleting.
void add_link_terms(const Xapian::Document& doc, std::set<std::string>& terms);

// The same for every document in db holding term (an id or owner term).
void add_link_terms(const Xapian::Database& db, const std::string& term,
                    std::set<std::string>& terms);

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
