#include "searcher/query_builder.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "common/clean_text.h"
#include "common/datetime.h"
#include "common/ranking.h"

namespace ns {
namespace {

using Query = Xapian::Query;

Query phrase_of(const std::vector<std::string>& texts, const schema::Prefix& prefix) {
  std::vector<Query> terms;
  for (const std::string& t : texts) terms.emplace_back(schema::term(prefix, t));
  if (terms.size() == 1) return terms.front();
  return Query(Query::OP_PHRASE, terms.begin(), terms.end(),
               static_cast<Xapian::termcount>(terms.size()));
}

// A phrase window that spans any excerpt.
constexpr Xapian::termcount kAnyDistance = 0x7fffffff;

// query (terms, or an OR of terms) where field finds it: after the field's
// mark when it has one (a phrase of the two, in a window spanning the
// whole excerpt; the mark, in nearly every document, weighs next to nothing).
Query in_field(const Query& query, const TextField& field) {
  if (!field.mark) return query;
  const Query parts[] = {Query(schema::term(*field.mark, "")), query};
  return Query(Query::OP_PHRASE, std::begin(parts), std::end(parts), kAnyDistance);
}

Query field_term(const std::string& text, const TextField& field) {
  return in_field(Query(schema::term(*field.words, text)), field);
}

// The terms as one query: a term, or a phrase of neighbours. Only the free
// text and the n-grams have positions (schema::kFieldGap keeps a phrase
// within one field): in the title or the excerpt, a phrase is the phrase in
// the free text with each of its words in that field.
Query sequence(const std::vector<std::string>& texts, const TextField& field,
               const schema::Prefix& prefix) {
  const bool positional = &prefix == &schema::kAnyText || &prefix == &schema::kNgram;
  if (!field.mark && (texts.size() == 1 || positional)) return phrase_of(texts, prefix);
  if (texts.size() == 1) return field_term(texts.front(), field);
  std::vector<Query> in_field;
  for (const std::string& t : texts) in_field.push_back(field_term(t, field));
  return Query(Query::OP_AND, phrase_of(texts, schema::kAnyText),
               Query(Query::OP_AND, in_field.begin(), in_field.end()));
}

// The unit's n-grams, weighted kSubstringWeight of their average: a phrase
// of k bigrams would otherwise sum k weights.
Query ngram_query(const QueryUnit& unit, const schema::Prefix& prefix) {
  return Query(Query::OP_SCALE_WEIGHT, sequence(unit.ngrams, kFreeText, prefix),
               ranking::kSubstringWeight / static_cast<double>(unit.ngrams.size()));
}

// Every way the unit can match in field; a document scores their sum, whole
// words weighted kWholeWordBoost. Not their best (OP_MAX), which ranked no
// better on bench/eval (README, Relevance) and crashes Xapian 1.4.22's
// matcher when it stops early with a posting source and collapsing.
Query unit_query(const QueryUnit& unit, const TextField& field, bool with_stems) {
  std::vector<Query> ways;
  if (!unit.words.empty()) {
    Query whole = sequence(unit.words, field, *field.words);
    if (!unit.joined.empty()) whole = Query(Query::OP_OR, whole, field_term(unit.joined, field));
    ways.emplace_back(Query::OP_SCALE_WEIGHT, whole, ranking::kWholeWordBoost);
  }
  if (with_stems && field.stems) {
    for (const std::string& stem : unit.stems) ways.emplace_back(schema::term(*field.stems, stem));
  }
  if (!unit.ngrams.empty() && field.ngrams) ways.push_back(ngram_query(unit, *field.ngrams));
  return Query(Query::OP_OR, ways.begin(), ways.end());
}

}  // namespace

Query with_typos(const Query& exact, const std::vector<std::string>& candidates) {
  if (candidates.empty()) return exact;
  std::vector<Query> terms;
  for (const std::string& c : candidates) terms.emplace_back(schema::term(schema::kAnyText, c));
  const Query typo(Query::OP_SCALE_WEIGHT, Query(Query::OP_SYNONYM, terms.begin(), terms.end()),
                   ranking::kTypoWeight);
  return Query(Query::OP_OR, exact, Query(Query::OP_AND_NOT, typo, exact));
}

WordsMatch words_match(std::string_view text, const TextField& field, Analyzer& analyzer,
                       const TypoLookup& typos) {
  WordsMatch match;
  std::vector<Query> wholes;
  for (const QueryUnit& unit : analyzer.query_units(clean_text(text))) {
    if (unit.parts.empty()) {
      const Query exact = unit_query(unit, field, true);
      match.words.push_back(typos ? with_typos(exact, typos(unit)) : exact);
      continue;
    }
    for (const QueryUnit& part : unit.parts) {
      match.words.push_back(unit_query(part, field, true));
    }
    wholes.push_back(unit_query(unit, field, false));
  }
  if (!wholes.empty()) match.bonus = Query(Query::OP_OR, wholes.begin(), wholes.end());
  return match;
}

Query WordsMatch::all() const {
  if (words.empty()) return Query();
  const Query every(Query::OP_AND, words.begin(), words.end());
  return bonus.empty() ? every : Query(Query::OP_AND_MAYBE, every, bonus);
}

Query words_query(std::string_view text, const TextField& field, Analyzer& analyzer,
                  const TypoLookup& typos) {
  return words_match(text, field, analyzer, typos).all();
}

// A phrase with Chinese, Japanese or Korean text also matches, weighted
// lower, when each unit is found as a substring ("자매 아" in "자매 아냐?"):
// words there are not delimited by spaces alone.
Query phrase_query(std::string_view text, const TextField& field, Analyzer& analyzer) {
  const std::vector<QueryUnit> units = analyzer.query_units(clean_text(text));
  if (units.empty()) return Query();
  if (units.size() == 1) return unit_query(units.front(), field, false);
  std::vector<std::string> words;
  std::vector<Query> substrings;
  bool cjk = false;
  for (const QueryUnit& unit : units) {
    words.insert(words.end(), unit.words.begin(), unit.words.end());
    cjk = cjk || unit.cjk;
    if (!unit.ngrams.empty() && field.ngrams)
      substrings.push_back(ngram_query(unit, *field.ngrams));
  }
  Query exact = sequence(words, field, *field.words);
  if (!cjk || substrings.size() != units.size()) return exact;
  return Query(Query::OP_OR, Query(Query::OP_SCALE_WEIGHT, exact, ranking::kWholeWordBoost),
               Query(Query::OP_AND, substrings.begin(), substrings.end()));
}

Query prefix_query(std::string_view prefix, const TextField& field, Analyzer& analyzer,
                   const Xapian::Database* db) {
  const std::string normalized = analyzer.normalize(prefix);
  if (normalized.empty()) return Query();
  const std::string start = schema::term(*field.words, normalized);
  if (!field.mark) {
    return Query(Query::OP_WILDCARD, start, kMaxWildcardTerms, Query::WILDCARD_LIMIT_MOST_FREQUENT);
  }
  // As OP_WILDCARD expands, the most frequent terms (ties by term), but
  // ORed: a phrase takes no synonym (nor a wildcard) inside.
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  if (db) {
    for (auto t = db->allterms_begin(start); t != db->allterms_end(start); ++t) {
      found.emplace_back(t.get_termfreq(), *t);
    }
  }
  const size_t kept = std::min<size_t>(found.size(), kMaxWildcardTerms);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  std::vector<Query> terms;
  for (size_t i = 0; i < kept; ++i) terms.emplace_back(found[i].second);
  if (terms.empty()) return Query::MatchNothing;
  return in_field(Query(Query::OP_OR, terms.begin(), terms.end()), field);
}

namespace {

// Days after as_of that still count as today (time zones, scheduled posts).
constexpr int kRecencyGraceDays = 7;

// The weight of an article published age days before as_of (negative:
// after it), as recency_query gives it.
double recency_at(int age, int half_life_days) {
  if (age < -kRecencyGraceDays) return 0;
  if (age <= 0) return ranking::kRecencyWeight;
  if (age > std::min(half_life_days * ranking::kRecencyHalfLives, 40000)) return 0;
  return ranking::kRecencyWeight * std::exp2(-static_cast<double>(age) / half_life_days);
}

}  // namespace

Query recency_query(int half_life_days, std::int64_t as_of) {
  // One weight per day, looked up from the article's YYYY-MM-DD value by
  // Xapian's built-in ValueMapPostingSource (remote shards can run it).
  auto* days = new Xapian::ValueMapPostingSource(schema::kDayValue.slot);
  const int window = std::min(half_life_days * ranking::kRecencyHalfLives, 40000);
  for (int age = -kRecencyGraceDays; age <= window; ++age) {
    days->add_mapping(format_date(as_of - static_cast<std::int64_t>(age) * 86400),
                      recency_at(age, half_life_days));
  }
  days->set_default_weight(0.0);
  return Query(days->release());
}

double recency_weight(const std::string& day, int half_life_days, std::int64_t as_of) {
  const auto published = parse_iso8601(day);
  if (!published) return 0;  // undated
  const std::int64_t today = parse_iso8601(format_date(as_of)).value_or(as_of);
  return recency_at(static_cast<int>((today - *published) / 86400), half_life_days);
}

std::string whole_title_term(std::string_view text, Analyzer& analyzer) {
  return schema::term(schema::kWholeTitle, schema::hex_hash(analyzer.words_key(clean_text(text))));
}

Query with_priors(const Query& query, std::string_view text, Analyzer& analyzer,
                  std::shared_ptr<const PriorTable> priors) {
  // The story head and quality priors, summed in one value slot at indexing
  // time, through Xapian's built-in ValueWeightPostingSource (remote shards
  // served by xapian-tcpsrv can run it): one posting source, not two. Given
  // priors (--batch on a local database), the same weights from memory.
  // BM25 in Xapian 1.4 normalises by the whole document's length, so a
  // longer title holding the query can outscore the exact one; a query that
  // is some article's whole title ranks that article first.
  const Query title(whole_title_term(text, analyzer));
  Xapian::PostingSource* source =
      priors ? prior_source(std::move(priors))
             : (new Xapian::ValueWeightPostingSource(schema::kPrior.slot))->release();
  const Query boosts[] = {Query(source),
                          Query(Query::OP_SCALE_WEIGHT, title, ranking::kWholeWordBoost)};
  return Query(Query::OP_AND_MAYBE, query,
               Query(Query::OP_OR, std::begin(boosts), std::end(boosts)));
}

}  // namespace ns
