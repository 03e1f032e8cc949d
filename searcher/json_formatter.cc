#include "searcher/json_formatter.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "common/datetime.h"

namespace ns {
namespace {

using json = nlohmann::ordered_json;

// Nullable fields are written as null rather than left out, so every hit
// has the same keys.
template <typename T>
json or_null(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json hit_json(const Hit& hit) {
  const Article& a = hit.stored.article;
  return json{
      {"rank", hit.rank},
      {"score", std::round(hit.score * 1000) / 1000},
      {"title", a.title},
      {"excerpt", a.excerpt},
      {"url", a.url()},
      {"date", a.published_at ? json(format_iso8601(*a.published_at)) : json(nullptr)},
      {"provider", {{"name", a.provider.name}, {"domain", a.provider.domain}}},
      {"quality", or_null(a.quality)},
      {"type", a.type},
      {"category", a.category},
      {"topics", a.topics},
      {"path", hit.stored.source},
  };
}

}  // namespace

void JsonFormatter::write(const SearchResult& result, std::ostream& out) {
  json hits = json::array();
  for (const Hit& hit : result.hits) hits.push_back(hit_json(hit));
  json doc{
      {"version", kJsonSchemaVersion}, {"query", result.query},   {"total", result.total},
      {"offset", result.offset},       {"hits", std::move(hits)},
  };
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace ns
