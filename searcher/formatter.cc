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
#include "common/printable.h"
#include "searcher/atom_formatter.h"
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

std::string score_text(double score) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", score);
  return text;
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// A hit's field, perhaps more than one line. Only the field asked for is
// computed.
std::string stored_text(const Hit& hit, Field field) {
  const Article& a = hit.stored.article;
  switch (field) {
    case Field::kRank:
      return std::to_string(hit.rank);
    case Field::kScore:
      return score_text(hit.score);
    case Field::kId:
      return hit.id;
    case Field::kTitle:
      return a.title;
    case Field::kUrl:
      return a.url();
    case Field::kDate:
      return a.published_at ? format_iso8601(*a.published_at) : std::string();
    case Field::kProvider:
      return a.provider.name;
    case Field::kSite:
      return a.provider.domain;
    case Field::kQuality:
      return a.quality ? std::to_string(*a.quality) : std::string();
    case Field::kType:
      return a.type;
    case Field::kCategory:
      return a.category;
    case Field::kTopics:
      return joined(a.topics);
    case Field::kExcerpt:
      return a.excerpt;
    case Field::kSnippet:
      return render_marks(hit.snippet, "", "");
    case Field::kPath:
      return hit.stored.source;
    case Field::kMore:
      return std::to_string(hit.more);
    case Field::kAllWords:
      return hit.all_words ? "true" : "false";
    case Field::kLang:
      return hit.lang;
    case Field::kTags:
      return joined(a.tags);
    case Field::kKind:
      return hit.kind;
    case Field::kStory:
      return hit.story;
    case Field::kFolded:
      return hit.is_folded ? "true" : "false";
    case Field::kTypo:
      return hit.typo ? "true" : "false";
  }
  return "";
}

}  // namespace

std::unique_ptr<Formatter> make_formatter(const OutputOptions& options) {
  if (options.count) return std::make_unique<CountFormatter>(options.separator);
  switch (options.format) {
    case Format::kJson:
      return std::make_unique<JsonFormatter>(options.compact, options.explain, options.expand);
    case Format::kJsonl:
      return std::make_unique<JsonlFormatter>(options.separator, options.explain, options.expand);
    case Format::kTsv:
      return std::make_unique<TsvFormatter>(options.fields, options.separator, options.header);
    case Format::kUrls:
      return std::make_unique<UrlsFormatter>(options.separator);
    case Format::kAtom:
      return std::make_unique<AtomFormatter>(options);
    case Format::kText:
      break;
  }
  return std::make_unique<TextFormatter>(options.color, options.explain);
}

Format parse_format(std::string_view name) {
  return static_cast<Format>(choose("--format", "format", name, kFormatNames));
}

std::vector<Field> parse_fields(std::string_view list) {
  std::vector<Field> fields;
  for (const std::string& name : split_list(list)) {
    fields.push_back(static_cast<Field>(choose("--fields", "field", name, kFieldNames)));
  }
  return fields;
}

std::string field_text(const Hit& hit, Field field) {
  const std::string text = stored_text(hit, field);
  return field == Field::kUrl ? printable_url(text) : printable(one_line(text));
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
