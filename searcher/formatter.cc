#include "searcher/formatter.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <string>
#include <utility>

#include "common/datetime.h"
#include "common/errors.h"
#include "common/options.h"
#include "searcher/json_formatter.h"
#include "searcher/line_formatter.h"
#include "searcher/snippets.h"
#include "searcher/text_formatter.h"

namespace ns {
namespace {

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

std::unique_ptr<Formatter> make_formatter(const OutputOptions& options) {
  if (options.count) return std::make_unique<CountFormatter>(options.separator);
  switch (options.format) {
    case Format::kJson:
      return std::make_unique<JsonFormatter>(options.compact, options.explain);
    case Format::kJsonl:
      return std::make_unique<JsonlFormatter>(options.separator, options.explain);
    case Format::kTsv:
      return std::make_unique<TsvFormatter>(options.fields, options.separator);
    case Format::kUrls:
      return std::make_unique<UrlsFormatter>(options.separator);
    case Format::kText:
      break;
  }
  return std::make_unique<TextFormatter>(options.color, options.explain);
}

Format parse_format(std::string_view name) {
  return static_cast<Format>(choose("--format", "format", name, kFormatNames));
}

std::vector<std::string> parse_fields(std::string_view list) {
  std::vector<std::string> fields = split_list(list);
  for (const std::string& field : fields) choose("--fields", "field", field, kFieldNames);
  return fields;
}

std::string field_text(const Hit& hit, std::string_view field) {
  using Value = std::string (*)(const Hit&);
  // Only the field asked for is computed.
  static constexpr std::pair<std::string_view, Value> kValues[] = {
      {"rank", [](const Hit& h) { return std::to_string(h.rank); }},
      {"score",
       [](const Hit& h) {
         char score[32];
         std::snprintf(score, sizeof score, "%.3f", h.score);
         return std::string(score);
       }},
      {"id", [](const Hit& h) { return h.id; }},
      {"title", [](const Hit& h) { return h.stored.article.title; }},
      {"url", [](const Hit& h) { return h.stored.article.url(); }},
      {"date",
       [](const Hit& h) {
         const auto& when = h.stored.article.published_at;
         return when ? format_iso8601(*when) : std::string();
       }},
      {"provider", [](const Hit& h) { return h.stored.article.provider.name; }},
      {"site", [](const Hit& h) { return h.stored.article.provider.domain; }},
      {"quality",
       [](const Hit& h) {
         const auto& q = h.stored.article.quality;
         return q ? std::to_string(*q) : std::string();
       }},
      {"type", [](const Hit& h) { return h.stored.article.type; }},
      {"category", [](const Hit& h) { return h.stored.article.category; }},
      {"topics",
       [](const Hit& h) {
         std::string topics;
         for (const std::string& t : h.stored.article.topics) {
           topics += (topics.empty() ? "" : ", ") + t;
         }
         return topics;
       }},
      {"excerpt", [](const Hit& h) { return h.stored.article.excerpt; }},
      {"snippet", [](const Hit& h) { return render_marks(h.snippet, "", ""); }},
      {"path", [](const Hit& h) { return h.stored.source; }},
      {"more", [](const Hit& h) { return std::to_string(h.more); }},
      {"all_words", [](const Hit& h) { return std::string(h.all_words ? "true" : "false"); }},
  };
  static_assert(std::size(kValues) == std::size(kFieldNames), "a value for every field");
  for (const auto& [name, value] : kValues) {
    if (name == field) return one_line(value(hit));
  }
  return "";
}

bool flushed(std::ostream& out, int fd) {
  out.flush();
  if (out) return true;
  const int error = errno;  // the stream may have failed some writes ago
  if (error == EPIPE) return false;
  // A pipe whose reader has gone reports POLLERR on its writing end.
  pollfd end{fd, POLLOUT, 0};
  if (poll(&end, 1, 0) == 1 && (end.revents & POLLERR) != 0) return false;
  throw Error(std::string("stdout: cannot write: ") + std::strerror(error ? error : EIO));
}

}  // namespace ns
