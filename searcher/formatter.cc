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
      return std::make_unique<JsonFormatter>(options.compact);
    case Format::kJsonl:
      return std::make_unique<JsonlFormatter>(options.separator);
    case Format::kTsv:
      return std::make_unique<TsvFormatter>(options.fields, options.separator);
    case Format::kUrls:
      return std::make_unique<UrlsFormatter>(options.separator);
    case Format::kText:
      break;
  }
  return std::make_unique<TextFormatter>(options.color);
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
  const Article& a = hit.stored.article;
  char score[32];
  std::snprintf(score, sizeof score, "%.3f", hit.score);
  std::string topics;
  for (const std::string& t : a.topics) topics += (topics.empty() ? "" : ", ") + t;
  const std::pair<std::string_view, std::string> values[] = {
      {"rank", std::to_string(hit.rank)},
      {"score", score},
      {"id", hit.id},
      {"title", a.title},
      {"url", a.url()},
      {"date", a.published_at ? format_iso8601(*a.published_at) : ""},
      {"provider", a.provider.name},
      {"site", a.provider.domain},
      {"quality", a.quality ? std::to_string(*a.quality) : ""},
      {"type", a.type},
      {"category", a.category},
      {"topics", topics},
      {"excerpt", a.excerpt},
      {"snippet", render_marks(hit.snippet, "", "")},
      {"path", hit.stored.source},
      {"more", std::to_string(hit.more)},
      {"all_words", hit.all_words ? "true" : "false"},
  };
  static_assert(std::size(values) == std::size(kFieldNames), "a value for every field");
  for (const auto& [name, value] : values) {
    if (name == field) return one_line(value);
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
