#include "searcher/json_formatter.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "common/datetime.h"
#include "searcher/snippets.h"

namespace ns {
namespace {

using json = nlohmann::ordered_json;

// Nullable fields are written as null rather than left out, so every hit
// has the same keys.
template <typename T>
json or_null(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

double rounded(double x) { return std::round(x * 1000) / 1000; }

json parts_json(const ScoreParts& p) {
  return json{{"text", rounded(p.text)},
              {"story_head", rounded(p.story_head)},
              {"quality", rounded(p.quality)},
              {"recency", rounded(p.recency)},
              {"whole_title", p.whole_title}};
}

// The words the query matched, as the title and the snippet spell them.
std::vector<std::string> highlights(const Hit& hit) {
  std::vector<std::string> words;
  add_marked_words(hit.marked_title, words);
  add_marked_words(hit.snippet, words);
  return words;
}

json hit_json(const Hit& hit, bool explain) {
  const Article& a = hit.stored.article;
  json j{
      {"rank", hit.rank},
      {"id", hit.id},
      {"score", rounded(hit.score)},
      {"title", a.title},
      {"excerpt", a.excerpt},
      {"snippet", render_marks(hit.snippet, "", "")},
      {"highlights", highlights(hit)},
      {"url", a.url()},
      {"date", a.published_at ? json(format_iso8601(*a.published_at)) : json(nullptr)},
      {"provider", {{"name", a.provider.name}, {"domain", a.provider.domain}}},
      {"quality", or_null(a.quality)},
      {"type", a.type},
      {"category", a.category},
      {"topics", a.topics},
      {"tags", a.tags},
      {"lang", hit.lang},
      {"kind", hit.kind},
      {"path", hit.stored.source},
      {"story", hit.story},
      {"more", hit.more},
      {"all_words", hit.all_words},
      {"typo", hit.typo},
      {"first_seen", hit.first_seen ? json(format_iso8601(*hit.first_seen)) : json(nullptr)},
      {"first_seen_revision", hit.first_seen_revision},
  };
  if (explain) j["explain"] = parts_json(hit.parts);
  return j;
}

// A hit with, when expanded, its folded articles (none of them has any).
json expanded_json(const Hit& hit, bool explain, bool expand) {
  json j = hit_json(hit, explain);
  if (!expand) return j;
  json folded = json::array();
  for (const Hit& f : hit.folded) folded.push_back(hit_json(f, explain));
  j["folded"] = std::move(folded);
  return j;
}

json facets_json(const std::vector<FacetCounts>& facets) {
  json out = json::object();
  for (const FacetCounts& f : facets) {
    json values = json::array();
    for (const FacetValue& v : f.values) values.push_back({{"value", v.value}, {"count", v.count}});
    out[f.name] = {
        {"articles", f.articles}, {"distinct", f.distinct}, {"values", std::move(values)}};
  }
  return out;
}

// The fields of a result other than its hits, in schema order; explain:
// with the parsed query.
json summary_json(const SearchResult& result, bool explain) {
  json doc{{"version", kJsonSchemaVersion}, {"query", result.query}};
  if (explain) doc["parsed"] = result.parsed;
  doc["revision"] = result.revision;
  doc["total"] = result.total;
  doc["total_exact"] = result.total_exact;
  doc["total_some"] = result.total_some;
  doc["offset"] = result.offset;
  doc["suggestion"] = or_null(result.suggestion);
  return doc;
}

// Invalid UTF-8 in an article is written as U+FFFD rather than failing.
std::string dumped(const json& j, int indent) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace

void JsonFormatter::write(const SearchResult& result, std::ostream& out) {
  json hits = json::array();
  for (const Hit& hit : result.hits) hits.push_back(expanded_json(hit, explain_, expand_));
  json doc = summary_json(result, explain_);
  doc["hits"] = std::move(hits);
  doc["facets"] = facets_json(result.facets);
  out << dumped(doc, compact_ ? -1 : 2) << '\n';
}

std::string article_json(const Hit& article, const std::vector<Hit>& story) {
  json others = json::array();
  for (const Hit& hit : story) others.push_back(hit_json(hit, false));
  return dumped(json{{"version", kJsonSchemaVersion},
                     {"article", hit_json(article, false)},
                     {"story", std::move(others)}},
                2) +
         '\n';
}

std::string json_error_line(const std::string& query, const std::string& error) {
  return dumped(json{{"version", kJsonSchemaVersion}, {"query", query}, {"error", error}}, -1) +
         '\n';
}

void JsonlFormatter::write(const SearchResult& result, std::ostream& out) {
  for (const Hit& hit : result.hits) {
    json line{{"record", "hit"}};
    line.update(expanded_json(hit, explain_, expand_));
    out << dumped(line, -1) << separator_;
  }
  json last{{"record", "summary"}};
  last.update(summary_json(result, explain_));
  last["hits"] = result.hits.size();
  last["facets"] = facets_json(result.facets);
  out << dumped(last, -1) << separator_;
}

}  // namespace ns
