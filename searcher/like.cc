#include "searcher/like.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "common/errors.h"
#include "common/schema.h"

namespace ns {
namespace {

// The documents holding term, in docid order.
std::vector<Xapian::docid> holding(const Xapian::Database& db, const std::string& term) {
  std::vector<Xapian::docid> out;
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) out.push_back(*p);
  return out;
}

// The article ref names: by id, by the absolute path of a file, by URL (a
// file's own article before related entries).
Xapian::docid find_article(const Xapian::Database& db, const std::string& ref) {
  std::vector<Xapian::docid> found = holding(db, schema::term(schema::kId, ref));
  if (found.empty() && ref.find("://") == std::string::npos) {
    std::error_code error;
    const std::filesystem::path path = std::filesystem::weakly_canonical(ref, error);
    if (!error) found = holding(db, schema::term(schema::kId, path.string()));
  }
  if (found.empty()) {
    found = holding(db, schema::term(schema::kOwnUrl, ref));
    if (found.empty()) found = holding(db, schema::term(schema::kDupUrl, schema::hex_hash(ref)));
  }
  if (found.empty()) {
    throw UsageError("--like: no article has the id, path or URL \"" + ref +
                     "\" (give a URL, a file's path or an id as JSON prints it)");
  }
  return found.front();
}

// A word of the free text: no prefix (prefixes are capitals), not a number.
bool is_word(const std::string& term) {
  if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) return false;
  return !std::all_of(term.begin(), term.end(),
                      [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; });
}

}  // namespace

Likeness like(const Xapian::Database& db, const std::string& ref) {
  Likeness out;
  out.docid = find_article(db, ref);
  const Xapian::Document doc = db.get_document(out.docid);
  out.id = doc.get_value(schema::kSortKey.slot);
  out.cluster = doc.get_value(schema::kClusterKey.slot);
  const double articles = db.get_doccount();
  std::vector<std::pair<std::string, double>> scored;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (!is_word(term)) continue;
    const Xapian::doccount df = t.get_termfreq();
    if (df < 2 || df > articles / 10) continue;  // in no other article, or everywhere
    // The wdf counts a title word kTitleWdf times an excerpt word.
    scored.emplace_back(term, t.get_wdf() * std::log(articles / df));
  }
  const Xapian::Query words = best_words(scored, kMaxLikeWords, 1.0);
  out.words = std::move(scored);
  // An article with no word to go by is like nothing: the query then
  // matches none.
  out.query = Xapian::Query(
      Xapian::Query::OP_AND_NOT,
      words.empty() ? Xapian::Query::MatchNothing : words,
      Xapian::Query(schema::term(schema::kId, out.id)));
  return out;
}

Xapian::Query best_words(std::vector<std::pair<std::string, double>>& scored, size_t most,
                         double scale) {
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (scored.size() > most) scored.resize(most);
  const double best = scored.empty() ? 1 : scored.front().second;
  std::vector<Xapian::Query> words;
  for (auto& [term, score] : scored) {
    score /= best;
    words.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), scale * score);
  }
  return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
}

std::string describe_words(const std::string& label,
                           const std::vector<std::pair<std::string, double>>& words) {
  std::string out = label + ":";
  char weight[16];
  for (size_t i = 0; i < words.size(); ++i) {
    std::snprintf(weight, sizeof weight, " %.2f", words[i].second);
    out += (i ? ", " : " ") + words[i].first + weight;
  }
  return out;
}

std::string describe(const Likeness& likeness) {
  return describe_words("like " + likeness.id, likeness.words);
}

}  // namespace ns
