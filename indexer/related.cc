#include "indexer/related.h"

#include <optional>
#include <unordered_map>

#include "common/doc_data.h"
#include "common/schema.h"
#include "indexer/cluster.h"
#include "indexer/document_builder.h"
#include "indexer/placement.h"

namespace ns {
namespace {

bool has_posting(const Xapian::Database& db, const std::string& term) {
  return db.postlist_begin(term) != db.postlist_end(term);
}

// The file article with the smallest path among those listing url.
std::optional<Xapian::Document> first_referrer(const Xapian::Database& db, const std::string& url) {
  const std::string ref = schema::term(schema::kRefUrl, url);
  std::optional<Xapian::Document> best;
  std::string best_key;
  for (auto it = db.postlist_begin(ref); it != db.postlist_end(ref); ++it) {
    Xapian::Document doc = db.get_document(*it);
    std::string key = doc.get_value(schema::kSortKey.slot);
    if (!best || key < best_key) {
      best = doc;
      best_key = std::move(key);
    }
  }
  return best;
}

// Whether the one article with id_term holds data: the related article
// built from the same entry and file would be the same document (its terms
// and values all follow from what its data keeps; its cluster is the
// clusters' business).
bool holds(const Xapian::Database& db, const std::string& id_term, const std::string& data) {
  auto it = db.postlist_begin(id_term);
  if (it == db.postlist_end(id_term)) return false;
  const Xapian::docid id = *it;
  if (++it != db.postlist_end(id_term)) return false;  // placed twice: replace to settle it
  return db.get_document(id).get_data() == data;
}

// A file article's related entries by URL (the first of each), with its
// path: decoded once for all the URLs it lists.
struct Listing {
  std::string path;
  std::unordered_map<std::string, Article> by_url;
};

// Keyed by path: a document's docid is its shard's own in a sharded
// database, the same for files on two shards.
const Listing& listing_of(const Xapian::Document& file,
                          std::unordered_map<std::string, Listing>& listings) {
  std::string path = file.get_value(schema::kSortKey.slot);
  auto [it, added] = listings.try_emplace(path);
  if (added) {
    it->second.path = std::move(path);
    for (Article& entry : decode_doc_data(file.get_data(), true).article.related) {
      if (!entry.url().empty()) it->second.by_url.try_emplace(entry.url(), std::move(entry));
    }
  }
  return it->second;
}

// reconcile_related for one url, the listings read so far in listings.
void reconcile_one(Xapian::WritableDatabase& db, const std::string& url, Analyzer& analyzer,
                   std::set<std::string>& links, std::unordered_map<std::string, Listing>& listings,
                   FirstSeen& first_seen) {
  const std::string id_term = schema::term(schema::kId, url);
  std::optional<Xapian::Document> referrer;
  if (!has_posting(db, schema::term(schema::kOwnUrl, url))) referrer = first_referrer(db, url);
  if (referrer) {
    const Listing& listing = listing_of(*referrer, listings);
    if (auto found = listing.by_url.find(url); found != listing.by_url.end()) {
      const Article& entry = found->second;
      // As written before, its links too: the clusters need nothing from it.
      if (holds(db, id_term, encode_doc_data(entry, listing.path))) return;
      add_link_terms(db, id_term, links);
      Xapian::Document doc = build_related_document(entry, url, listing.path, analyzer);
      add_link_terms(doc, links);
      first_seen.stamp(db, id_term, doc);
      replace_article(db, id_term, doc);
      return;
    }
  }
  add_link_terms(db, id_term, links);
  first_seen.remember(db, id_term);
  db.delete_document(id_term);
}

}  // namespace

void add_urls(const Article& article, std::set<std::string>& urls) {
  if (!article.url().empty()) urls.insert(article.url());
  for (const Article& entry : article.related) {
    if (!entry.url().empty()) urls.insert(entry.url());
  }
}

void add_urls(const Xapian::Document& file_document, std::set<std::string>& urls) {
  add_urls(decode_doc_data(file_document.get_data(), true).article, urls);
}

bool same_related(const Xapian::Document& old, const Xapian::Document& replacement) {
  const std::string prefix(schema::kOwnUrl.prefix);
  auto own_url = [&](const Xapian::Document& doc) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(prefix);
    return it != doc.termlist_end() && (*it).compare(0, prefix.size(), prefix) == 0 ? *it
                                                                                    : std::string();
  };
  return encoded_related(old.get_data()) == encoded_related(replacement.get_data()) &&
         own_url(old) == own_url(replacement);
}

void reconcile_related(Xapian::WritableDatabase& db, const std::set<std::string>& urls,
                       Analyzer& analyzer, std::set<std::string>& links,
                       FirstSeen& first_seen) {
  // The file articles listing these URLs do not change meanwhile: only
  // related articles are written.
  std::unordered_map<std::string, Listing> listings;
  for (const std::string& url : urls) {
    reconcile_one(db, url, analyzer, links, listings, first_seen);
  }
}

std::vector<IdDocument> unkeyed_related(const Article& article, const FileInfo& file,
                                        Analyzer& analyzer, Detail detail) {
  std::vector<IdDocument> out;
  for (std::size_t i = 0; i < article.related.size(); ++i) {
    const Article& entry = article.related[i];
    if (!entry.url().empty()) continue;
    const std::string id = file.path + "#related-" + std::to_string(i + 1);
    Xapian::Document doc = build_related_document(entry, id, file.path, analyzer, detail);
    doc.add_boolean_term(schema::term(schema::kOwner, file.path));
    out.push_back({schema::term(schema::kId, id), std::move(doc)});
  }
  return out;
}

void delete_unkeyed_related(Xapian::WritableDatabase& db, const std::string& path,
                            std::set<std::string>& links) {
  const std::string owner = schema::term(schema::kOwner, path);
  add_link_terms(db, owner, links);
  db.delete_document(owner);
}

}  // namespace ns
