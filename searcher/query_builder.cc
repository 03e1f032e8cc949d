#include "searcher/query_builder.h"

#include <string>
#include <vector>

#include "common/clean_text.h"
#include "common/errors.h"
#include "common/schema.h"

namespace ns {
namespace {

using Query = Xapian::Query;

// The terms as one query: a term, or a phrase of neighbours.
Query sequence(const std::vector<std::string>& texts, const schema::Prefix& prefix) {
  std::vector<Query> terms;
  for (const std::string& t : texts) terms.emplace_back(schema::term(prefix, t));
  if (terms.size() == 1) return terms.front();
  return Query(Query::OP_PHRASE, terms.begin(), terms.end(),
               static_cast<Xapian::termcount>(terms.size()));
}

// The unit's n-grams, weighted kSubstringWeight of their average: a phrase
// of k bigrams would otherwise sum k weights.
Query ngram_query(const QueryUnit& unit) {
  return Query(Query::OP_SCALE_WEIGHT, sequence(unit.ngrams, schema::kNgram),
               schema::kSubstringWeight / static_cast<double>(unit.ngrams.size()));
}

// Every way the unit can match; a document scores by the best of them (not
// their sum, which would favour texts that hold a word in several forms),
// and whole words weigh kWholeWordBoost times the others.
Query unit_query(const QueryUnit& unit, bool with_stems) {
  std::vector<Query> ways;
  if (!unit.words.empty()) {
    Query whole = sequence(unit.words, schema::kAnyText);
    if (!unit.joined.empty()) {
      whole = Query(Query::OP_OR, whole, Query(schema::term(schema::kAnyText, unit.joined)));
    }
    ways.emplace_back(Query::OP_SCALE_WEIGHT, whole, schema::kWholeWordBoost);
  }
  if (with_stems) {
    for (const std::string& stem : unit.stems) ways.emplace_back(schema::term(schema::kStem, stem));
  }
  if (!unit.ngrams.empty()) ways.push_back(ngram_query(unit));
  return Query(Query::OP_MAX, ways.begin(), ways.end());
}

// A quoted phrase: one unit matches as itself without stems; several as a
// phrase of their exact words. A phrase with Chinese, Japanese or Korean
// text also matches, weighted lower, when each unit is found as a substring
// ("자매 아" in "자매 아냐?"): words there are not delimited by spaces alone.
Query phrase_query(const std::vector<QueryUnit>& units) {
  if (units.size() == 1) return unit_query(units.front(), false);
  std::vector<std::string> words;
  std::vector<Query> substrings;
  bool cjk = false;
  for (const QueryUnit& unit : units) {
    words.insert(words.end(), unit.words.begin(), unit.words.end());
    cjk = cjk || unit.cjk;
    if (!unit.ngrams.empty()) substrings.push_back(ngram_query(unit));
  }
  Query exact = sequence(words, schema::kAnyText);
  if (!cjk || substrings.size() != units.size()) return exact;
  return Query(Query::OP_MAX, Query(Query::OP_SCALE_WEIGHT, exact, schema::kWholeWordBoost),
               Query(Query::OP_AND, substrings.begin(), substrings.end()));
}

}  // namespace

Query build_query(std::string_view raw, Analyzer& analyzer) {
  // Queries are tidied as article text is (HTML entities, stray C1 and
  // zero-width characters), so a title pasted as written finds itself.
  const std::string tidied = clean_text(raw);
  const std::string_view text = tidied;
  std::vector<Query> parts;
  bool quoted = false;
  for (size_t start = 0; start <= text.size();) {
    size_t quote = text.find('"', start);
    if (quote == std::string_view::npos) quote = text.size();
    std::vector<QueryUnit> units = analyzer.query_units(text.substr(start, quote - start));
    if (quoted && !units.empty()) {
      parts.push_back(phrase_query(units));
    } else {
      for (const QueryUnit& unit : units) parts.push_back(unit_query(unit, true));
    }
    quoted = !quoted;
    start = quote + 1;
  }
  if (parts.empty()) throw QueryError("query: no words to search for");
  return Query(Query::OP_AND, parts.begin(), parts.end());
}

Query with_priors(const Query& query, std::string_view text, Analyzer& analyzer) {
  // ValueMapPostingSource is one of Xapian's built-in sources, so remote
  // shards served by xapian-tcpsrv can run it too.
  auto* kind = new Xapian::ValueMapPostingSource(schema::kKindValue.slot);
  kind->add_mapping(std::string(schema::kKindFile), schema::kFileArticleBoost);
  // BM25 in Xapian 1.4 normalises by the whole document's length, so a
  // longer title holding the query can outscore the exact one; a query that
  // is some article's whole title ranks that article first.
  std::string words = analyzer.words_key(clean_text(text));
  const Query title(schema::term(schema::kWholeTitle, schema::hex_hash(words)));
  const Query boosts[] = {Query(kind->release()),
                          Query(Query::OP_SCALE_WEIGHT, title, schema::kWholeWordBoost)};
  return Query(Query::OP_AND_MAYBE, query,
               Query(Query::OP_OR, std::begin(boosts), std::end(boosts)));
}

}  // namespace ns
