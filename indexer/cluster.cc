#include "indexer/cluster.h"

#include <deque>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/schema.h"
#include "indexer/events.h"
#include "indexer/placement.h"

namespace ns {
namespace {

// In term order, so that one pass over a term list finds them all.
const schema::Prefix* const kLinks[] = {&schema::kDupUrl, &schema::kStory, &schema::kEvent,
                                        &schema::kWholeTitle};
static_assert(schema::kDupUrl.prefix < schema::kStory.prefix &&
              schema::kStory.prefix < schema::kEvent.prefix &&
              schema::kEvent.prefix < schema::kWholeTitle.prefix);

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// Whether a link term held by n articles links them: a story always does;
// a URL or title only when 2 to kMaxDuplicateGroup articles share it.
bool links(bool story, Xapian::doccount n) {
  return story || (n > 1 && n <= schema::kMaxDuplicateGroup);
}

// Sets of document ids, joined as links are found (union-find).
class Components {
 public:
  explicit Components(Xapian::docid last) : parent_(last + 1) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }

  Xapian::docid find(Xapian::docid id) {
    while (parent_[id] != id) id = parent_[id] = parent_[parent_[id]];
    return id;
  }

  void join(Xapian::docid a, Xapian::docid b) { parent_[find(a)] = find(b); }

 private:
  std::vector<Xapian::docid> parent_;
};

bool is_event(const std::string& term) { return starts_with(term, schema::kEvent.prefix); }

// The event sketches of articles, read once each.
class Sketches {
 public:
  explicit Sketches(const Xapian::Database& db) : db_(db) {}

  const std::string& of(Xapian::docid id) {
    auto [it, added] = sketches_.try_emplace(id);
    if (added) it->second = db_.get_document(id).get_value(schema::kEventSketch.slot);
    return it->second;
  }

  // Whether an event term held by a and b links them.
  bool linked(Xapian::docid a, Xapian::docid b) { return same_event(of(a), of(b)); }

 private:
  const Xapian::Database& db_;
  std::unordered_map<Xapian::docid, std::string> sketches_;
};

// The articles reachable from start through linking terms. A story, URL or
// title term links all that hold it, followed once; an event term links
// the pairs of its articles that same_event accepts, so it is followed
// from each article reached.
std::vector<Xapian::docid> component(const Xapian::Database& db, Xapian::docid start,
                                     std::set<Xapian::docid>& seen) {
  std::vector<Xapian::docid> out;
  std::deque<Xapian::docid> queue{start};
  seen.insert(start);
  std::set<std::string> followed;
  Sketches sketches(db);
  while (!queue.empty()) {
    const Xapian::docid id = queue.front();
    queue.pop_front();
    out.push_back(id);
    std::set<std::string> terms;
    add_link_terms(db.get_document(id), terms);
    for (const std::string& term : terms) {
      const bool event = is_event(term);
      if ((!event && !followed.insert(term).second) || !joins(db, term)) continue;
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        if (seen.count(*it) || (event && !sketches.linked(id, *it))) continue;
        seen.insert(*it);
        queue.push_back(*it);
      }
    }
  }
  return out;
}

}  // namespace

bool joins(const Xapian::Database& db, const std::string& term) {
  const bool story = starts_with(term, schema::kStory.prefix);
  Xapian::doccount n = 0;  // counted only as far as the rule needs
  for (auto it = db.postlist_begin(term); !story && it != db.postlist_end(term); ++it) {
    if (++n > schema::kMaxDuplicateGroup) break;
  }
  return links(story, n);
}

void LinkChanges::replace(const Xapian::Database& db, const Xapian::Document& old,
                          const Xapian::Document& replacement, const std::string& id_term) {
  std::set<std::string> before, after;
  add_link_terms(old, before);
  add_link_terms(replacement, after);
  // A new sketch may link or part it from the articles of an event term it
  // keeps: those terms count as changed.
  const bool resketched = old.get_value(schema::kEventSketch.slot) !=
                          replacement.get_value(schema::kEventSketch.slot);
  bool joined = false;  // it leaves a term that joins: its own cluster may split off
  for (const std::string& term : before) {
    if (after.count(term) && !(resketched && is_event(term))) continue;
    if (joins(db, term)) {
      terms_.insert(term);
      joined = true;
    } else {
      idle_[term].push_back(id_term);
    }
  }
  for (const std::string& term : after) {
    if (before.count(term) && !(resketched && is_event(term))) continue;
    if (joins(db, term)) {
      terms_.insert(term);
    } else {
      idle_[term];
    }
  }
  if (joined) terms_.insert(id_term);
}

std::set<std::string> LinkChanges::take(const Xapian::Database& db) {
  for (const auto& [term, losers] : idle_) {
    if (terms_.count(term) || joins(db, term)) {
      terms_.insert(term);
      terms_.insert(losers.begin(), losers.end());
    }
  }
  idle_.clear();
  std::set<std::string> out;
  out.swap(terms_);
  return out;
}

void add_link_terms(const Xapian::Document& doc, std::set<std::string>& terms) {
  // One iterator: each termlist_begin of a stored document reads its term
  // list again.
  Xapian::TermIterator it = doc.termlist_begin();
  for (const schema::Prefix* link : kLinks) {
    for (it.skip_to(std::string(link->prefix)); it != doc.termlist_end(); ++it) {
      if (!starts_with(*it, link->prefix)) break;
      terms.insert(*it);
    }
  }
}

void add_link_terms(const Xapian::Database& db, const std::string& term,
                    std::set<std::string>& terms) {
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    add_link_terms(db.get_document(*it), terms);
  }
}

void update_clusters(Xapian::WritableDatabase& db, const std::set<std::string>& terms) {
  // Read every component first: rewriting moves articles between shards,
  // which changes the posting lists being read.
  std::set<Xapian::docid> seen;
  std::vector<std::pair<std::vector<Xapian::docid>, std::string>> clusters;
  for (const std::string& term : terms) {
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      if (seen.count(*it)) continue;
      std::vector<Xapian::docid> members = component(db, *it, seen);
      std::string first;
      for (Xapian::docid id : members) {
        const std::string story = db.get_document(id).get_value(schema::kStoryKey.slot);
        if (first.empty() || story < first) first = story;
      }
      clusters.emplace_back(std::move(members), schema::collapse_key(first));
    }
  }
  for (const auto& [members, cluster] : clusters) {
    for (Xapian::docid id : members) {
      Xapian::Document doc = db.get_document(id);
      if (doc.get_value(schema::kClusterKey.slot) == cluster && placed(db, id, cluster)) continue;
      doc.add_value(schema::kClusterKey.slot, cluster);
      rewrite_article(db, id, doc);
    }
  }
}

void update_all_clusters(Xapian::WritableDatabase& db) {
  Components components(db.get_lastdocid());
  Sketches sketches(db);
  for (const schema::Prefix* link : kLinks) {
    const std::string prefix(link->prefix);
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
      if (!links(link == &schema::kStory, term.get_termfreq())) continue;
      const std::vector<Xapian::docid> ids(db.postlist_begin(*term), db.postlist_end(*term));
      if (link != &schema::kEvent) {
        for (Xapian::docid id : ids) components.join(id, ids.front());
        continue;
      }
      for (std::size_t a = 0; a < ids.size(); ++a) {
        for (std::size_t b = a + 1; b < ids.size(); ++b) {
          if (sketches.linked(ids[a], ids[b])) components.join(ids[a], ids[b]);
        }
      }
    }
  }
  std::vector<std::string> cluster(db.get_lastdocid() + 1);  // by component: first story
  const Xapian::valueno story = schema::kStoryKey.slot;
  for (auto v = db.valuestream_begin(story); v != db.valuestream_end(story); ++v) {
    std::string& first = cluster[components.find(v.get_docid())];
    if (first.empty() || *v < first) first = *v;
  }
  for (std::string& key : cluster) {
    if (!key.empty()) key = schema::collapse_key(key);
  }
  std::vector<Xapian::docid> changed;
  const Xapian::valueno slot = schema::kClusterKey.slot;
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
    const std::string& key = cluster[components.find(v.get_docid())];
    if (*v != key || !placed(db, v.get_docid(), key)) changed.push_back(v.get_docid());
  }
  for (Xapian::docid id : changed) {
    Xapian::Document doc = db.get_document(id);
    doc.add_value(slot, cluster[components.find(id)]);
    rewrite_article(db, id, doc);
  }
}

}  // namespace ns
