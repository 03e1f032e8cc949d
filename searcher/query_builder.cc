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

// The ways a unit matches, best first, as one query where an article
// scores by the first way it matches and never by two: each way after the
// first matches only where none before it does (OP_AND_NOT). Not their
// maximum (OP_MAX), which crashes Xapian 1.4.22's matcher when it stops
// early with a posting source and collapsing.
Query best_way(const std::vector<Query>& ways) {
  if (ways.size() == 1) return ways.front();
  std::vector<Query> disjoint{ways.front()};
  for (size_t i = 1; i < ways.size(); ++i) {
    const Query better = i == 1 ? ways.front()
                                : Query(Query::OP_OR, ways.begin(),
                                        ways.begin() + static_cast<std::ptrdiff_t>(i));
    disjoint.emplace_back(Query::OP_AND_NOT, ways[i], better);
  }
  return Query(Query::OP_OR, disjoint.begin(), disjoint.end());
}

// words as one word's match: a phrase of n words weighs 1/n of its sum.
Query as_one_word(const std::vector<std::string>& words, const TextField& field) {
  const Query q = sequence(words, field, *field.words);
  if (words.size() == 1) return q;
  return Query(Query::OP_SCALE_WEIGHT, q, 1.0 / static_cast<double>(words.size()));
}

// The unit's exact form: its words, or for a compound or split word its
// joined form or its parts in order, as one word (Xapian's OP_SYNONYM):
// "covid19" weighs as often as it is written either way, not as the
// rarer spelling.
Query exact_query(const QueryUnit& unit, const TextField& field) {
  if (unit.joined.empty()) return as_one_word(unit.words, field);
  const Query forms[] = {field_term(unit.joined, field), sequence(unit.words, field, *field.words)};
  return Query(Query::OP_SYNONYM, std::begin(forms), std::end(forms));
}

// The ways the unit matches in field, best first: its exact form, its
// stem, its CJK substrings.
std::vector<Query> unit_ways(const QueryUnit& unit, const TextField& field, bool with_stems) {
  std::vector<Query> ways;
  if (!unit.words.empty()) ways.push_back(exact_query(unit, field));
  if (with_stems && field.stems) {
    for (const std::string& stem : unit.stems) ways.emplace_back(schema::term(*field.stems, stem));
  }
  if (!unit.ngrams.empty() && field.ngrams) ways.push_back(ngram_query(unit, *field.ngrams));
  return ways;
}

bool single_word(const QueryUnit& unit) {
  return !unit.cjk && unit.words.size() == 1 && unit.joined.empty();
}

// The word a unit ends or starts with, for neighbours: "" for a CJK unit.
std::string edge_word(const QueryUnit& unit, bool last) {
  if (unit.cjk || unit.words.empty()) return {};
  return last ? unit.words.back() : unit.words.front();
}

// A word written as two in the articles ("powerapps": "power apps"): its
// best split into two words of at least kMinSplitPart letters that the
// database holds, when the word itself is rare next to both (fewer than
// 1/kSplitRarity of the rarer part's articles). Empty when there is none.
constexpr size_t kMinSplitPart = 3;
constexpr Xapian::doccount kSplitRarity = 20;

std::vector<std::string> split_in_two(const std::string& word, const Xapian::Database& db) {
  const bool letters = std::all_of(word.begin(), word.end(),
                                   [](char c) { return c >= 'a' && c <= 'z'; });
  if (!letters || word.size() < 2 * kMinSplitPart) return {};
  // A split must beat this; a part below it needs no look-up of the other.
  Xapian::doccount best_freq = db.get_termfreq(word) * kSplitRarity;
  if (best_freq >= db.get_doccount()) return {};  // common: no part is 20 times as common
  std::vector<std::string> best;
  for (size_t k = kMinSplitPart; k + kMinSplitPart <= word.size(); ++k) {
    const std::string a = word.substr(0, k), b = word.substr(k);
    Xapian::doccount freq = db.get_termfreq(a);
    if (freq <= best_freq) continue;
    freq = std::min(freq, db.get_termfreq(b));
    if (freq > best_freq) {
      best_freq = freq;
      best = {a, b};
    }
  }
  return best;
}

// The ways the units match as the articles may write them otherwise, after
// their own: two neighbouring words written as one ("power apps":
// powerapps), each of the two then matched by half its weight, and a rare
// word written as two ("powerapps": "power apps").
void add_respellings(const std::vector<QueryUnit>& units, std::vector<std::vector<Query>>& ways,
                     const Xapian::Database* db) {
  for (size_t i = 0; i + 1 < units.size(); ++i) {
    if (!single_word(units[i]) || !single_word(units[i + 1])) continue;
    const std::string joined = units[i].words.front() + units[i + 1].words.front();
    if (joined.size() > kMaxTermBytes) continue;
    const Query half(Query::OP_SCALE_WEIGHT, Query(schema::term(schema::kAnyText, joined)), 0.5);
    ways[i].push_back(half);
    ways[i + 1].push_back(half);
  }
  if (!db) return;
  for (size_t i = 0; i < units.size(); ++i) {
    if (!single_word(units[i])) continue;
    const std::vector<std::string> parts = split_in_two(units[i].words.front(), *db);
    if (!parts.empty()) ways[i].push_back(as_one_word(parts, kFreeText));
  }
}

// Neighbouring query words found next to each other in the typed order
// score kProximityWeight of the pair's weight more (Lucene's phrase boost,
// Meilisearch's proximity rule): "new york reopening plan" ranks the
// articles about New York's reopening plan above those with New York and a
// plan apart.
Query proximity_bonus(const std::vector<QueryUnit>& units) {
  std::vector<Query> pairs;
  for (size_t i = 0; i + 1 < units.size(); ++i) {
    const std::string a = edge_word(units[i], true), b = edge_word(units[i + 1], false);
    if (a.empty() || b.empty()) continue;
    pairs.emplace_back(phrase_of({a, b}, schema::kAnyText));
  }
  if (pairs.empty()) return Query();
  return Query(Query::OP_SCALE_WEIGHT, Query(Query::OP_OR, pairs.begin(), pairs.end()),
               ranking::kProximityWeight);
}

}  // namespace

Query typo_way(const std::vector<std::string>& candidates) {
  if (candidates.empty()) return Query();
  std::vector<Query> terms;
  for (const std::string& c : candidates) terms.emplace_back(schema::term(schema::kAnyText, c));
  return Query(Query::OP_SCALE_WEIGHT, Query(Query::OP_SYNONYM, terms.begin(), terms.end()),
               ranking::kTypoWeight);
}

WordsMatch words_match(std::string_view text, const TextField& field, Analyzer& analyzer,
                       const Xapian::Database* db, const TypoLookup& typos) {
  const std::vector<QueryUnit> units = analyzer.query_units(clean_text(text));
  std::vector<std::vector<Query>> ways;
  for (const QueryUnit& unit : units) ways.push_back(unit_ways(unit, field, true));
  const bool free_text = &field == &kFreeText;
  if (free_text) add_respellings(units, ways, db);
  WordsMatch match;
  std::vector<Query> bonuses;
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i].parts.empty()) {
      if (typos) {
        if (Query typo = typo_way(typos(units[i])); !typo.empty()) ways[i].push_back(typo);
      }
      if (!ways[i].empty()) match.words.push_back(best_way(ways[i]));
      continue;
    }
    for (const QueryUnit& part : units[i].parts) {
      match.words.push_back(best_way(unit_ways(part, field, true)));
    }
    bonuses.push_back(best_way(unit_ways(units[i], field, false)));
  }
  if (free_text) match.near = proximity_bonus(units);
  if (!bonuses.empty()) match.bonus = Query(Query::OP_OR, bonuses.begin(), bonuses.end());
  return match;
}

Query WordsMatch::all() const {
  if (words.empty()) return Query();
  Query every(Query::OP_AND, words.begin(), words.end());
  if (!near.empty()) every = Query(Query::OP_AND_MAYBE, every, near);
  return bonus.empty() ? every : Query(Query::OP_AND_MAYBE, every, bonus);
}

Query words_query(std::string_view text, const TextField& field, Analyzer& analyzer,
                  const Xapian::Database* db, const TypoLookup& typos) {
  return words_match(text, field, analyzer, db, typos).all();
}

// A phrase with Chinese, Japanese or Korean text also matches, when not as
// its exact words, when each unit is found as a substring ("자매 아" in
// "자매 아냐?"): words there are not delimited by spaces alone.
Query phrase_query(std::string_view text, const TextField& field, Analyzer& analyzer) {
  const std::vector<QueryUnit> units = analyzer.query_units(clean_text(text));
  if (units.empty()) return Query();
  if (units.size() == 1) return best_way(unit_ways(units.front(), field, false));
  std::vector<std::string> words;
  std::vector<Query> substrings;  // CJK runs by their n-grams, other words as themselves
  bool cjk = false;
  for (const QueryUnit& unit : units) {
    words.insert(words.end(), unit.words.begin(), unit.words.end());
    cjk = cjk || unit.cjk;
    if (!unit.cjk && !unit.words.empty()) {
      substrings.push_back(exact_query(unit, field));
    } else if (!unit.ngrams.empty() && field.ngrams) {
      substrings.push_back(ngram_query(unit, *field.ngrams));
    }
  }
  Query exact = sequence(words, field, *field.words);
  if (!cjk || !field.ngrams || substrings.size() != units.size()) return exact;
  return best_way({exact, Query(Query::OP_AND, substrings.begin(), substrings.end())});
}

std::vector<std::pair<std::string, Xapian::doccount>> most_frequent_terms(
    const Xapian::Database& db, const std::string& start, size_t max) {
  std::vector<std::pair<std::string, Xapian::doccount>> found;
  for (auto t = db.allterms_begin(start); t != db.allterms_end(start); ++t) {
    found.emplace_back(*t, t.get_termfreq());
  }
  const size_t kept = std::min(found.size(), max);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(),
                    [](const auto& a, const auto& b) {
                      return a.second != b.second ? a.second > b.second : a.first < b.first;
                    });
  found.resize(kept);
  return found;
}

Query prefix_query(std::string_view prefix, const TextField& field, Analyzer& analyzer,
                   const Xapian::Database* db) {
  const std::string normalized = analyzer.normalize(prefix);
  if (normalized.empty()) return Query();
  const std::string start = schema::term(*field.words, normalized);
  if (!db && !field.mark) {
    return Query(Query::OP_WILDCARD, start, kMaxWildcardTerms, Query::WILDCARD_LIMIT_MOST_FREQUENT);
  }
  // The most frequent terms of db as a whole. Not OP_WILDCARD: Xapian 1.4
  // expands it in each shard apart, from that shard's terms and
  // frequencies, so over shards a prefix would pick and weigh other terms
  // than in one database holding the same articles.
  std::vector<Query> terms;
  if (db) {
    for (const auto& [term, freq] : most_frequent_terms(*db, start, kMaxWildcardTerms)) {
      terms.emplace_back(term);
    }
  }
  // No term starts so: the prefix itself as a term, which no article holds
  // (MatchNothing is an empty query: "ipo zzz*" would be read as "ipo").
  if (terms.empty()) terms.emplace_back(start);
  // As OP_WILDCARD combines them: one synonym, weighed as a single word
  // (its frequency that of the terms together). A phrase takes no synonym
  // inside: in a field with a mark they are ORed.
  if (!field.mark) return Query(Query::OP_SYNONYM, terms.begin(), terms.end());
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
                  std::shared_ptr<const PriorTable> priors, const Query& also_ranks) {
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
  // also_ranks joins the boosts: an AND_MAYBE nested in this one loses
  // matches in Xapian 1.4.22 (paging_test).
  const Query boosts[] = {Query(source),
                          Query(Query::OP_SCALE_WEIGHT, title, ranking::kWholeWordBoost),
                          Query(Query::OP_SCALE_WEIGHT, also_ranks, ranking::kTextScale)};
  return Query(Query::OP_AND_MAYBE, Query(Query::OP_SCALE_WEIGHT, query, ranking::kTextScale),
               Query(Query::OP_OR, std::begin(boosts), std::end(boosts)));
}

}  // namespace ns
