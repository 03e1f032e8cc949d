// Reads many article texts in one process for the front-matter property
// tests: stdin holds texts separated by NUL bytes; for each, one JSON line
// on stdout: {"ok": true, "article": {...every field ns read...}} or
// {"ok": false, "line": L, "column": C, "message": "..."}.
#include <iostream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "common/errors.h"
#include "common/front_matter.h"

namespace {

using nlohmann::json;

template <typename T>
json optional(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json fields(const ns::Article& a, bool with_related) {
  json images = json::array();
  for (const ns::Image& i : a.images) {
    images.push_back({i.url, optional(i.width), optional(i.height)});
  }
  json out = {{"title", a.title},
              {"excerpt", a.excerpt},
              {"publishedDateTime", optional(a.published_at)},
              {"webUrl", a.web_url},
              {"originalUrl", a.original_url},
              {"ampWebUrl", a.amp_web_url},
              {"cdnAmpWebUrl", a.cdn_amp_web_url},
              {"category", a.category},
              {"type", a.type},
              {"quality", optional(a.quality)},
              {"heat", optional(a.heat)},
              {"published", optional(a.published)},
              {"provider", {a.provider.name, a.provider.domain}},
              {"topics", a.topics},
              {"tags", a.tags},
              {"images", images},
              {"featuredContent", a.featured_content}};
  if (with_related) {
    json related = json::array();
    for (const ns::Article& entry : a.related) related.push_back(fields(entry, false));
    out["related"] = related;
  }
  return out;
}

}  // namespace

int main() {
  const std::string all((std::istreambuf_iterator<char>(std::cin)),
                        std::istreambuf_iterator<char>());
  for (std::size_t start = 0; start < all.size();) {
    std::size_t end = all.find('\0', start);
    if (end == std::string::npos) end = all.size();
    json line;
    try {
      line = {
          {"ok", true},
          {"article", fields(ns::parse_article(all.substr(start, end - start), "probe.md"), true)}};
    } catch (const ns::InputError& e) {
      line = {{"ok", false}, {"line", e.line()}, {"column", e.column()}, {"message", e.message()}};
    }
    std::cout << line.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    start = end + 1;
  }
  return 0;
}
