#include "searcher/text_formatter.h"

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "common/datetime.h"
#include "common/printable.h"
#include "common/utf8.h"
#include "searcher/snippets.h"

namespace ns {
namespace {

// ANSI escapes (SGR).
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kNormal = "\x1b[22m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kCyan = "\x1b[36m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kDefaultColor = "\x1b[39m";

// A facet's bar is this many cells long for its most frequent value.
constexpr double kBarCells = 24;

// "score 12.22 = text 10.72 + story head 1.00 + quality 0.38 + recency 0.00"
void write_parts(const Hit& hit, std::ostream& out) {
  const ScoreParts& p = hit.parts;
  char line[200];
  std::snprintf(line, sizeof line,
                "   score %.3f = text %.3f + story head %.3f + quality %.3f + recency %.3f%s\n",
                hit.score, p.text, p.story_head, p.quality, p.recency,
                p.whole_title ? " (text includes the whole-title match)" : "");
  out << line;
}

// Columns text takes on a terminal: two for East Asian wide characters.
size_t columns(std::string_view text) {
  size_t n = 0;
  for (size_t i = 0; i < text.size();) {
    const char32_t c = utf8::next(text, i);
    const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                      (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x20000 && c <= 0x3FFFD);
    n += wide ? 2 : 1;
  }
  return n;
}

// "2021-12-13 · TechCrunch · quality 87": what an article has of these.
std::string meta_line(const Article& a, bool with_quality) {
  std::string meta;
  auto add = [&meta](const std::string& part) {
    if (part.empty()) return;
    if (!meta.empty()) meta += " · ";
    meta += part;
  };
  if (a.published_at) add(format_date(*a.published_at));
  add(a.provider.name.empty() ? a.provider.domain : a.provider.name);
  if (with_quality && a.quality) add("quality " + std::to_string(*a.quality));
  return meta;
}

std::string paint(std::string_view text, std::string_view on, std::string_view off, bool color) {
  return color ? std::string(on) + std::string(text) + std::string(off) : std::string(text);
}

// "238 hits with every word, 12 with some of them; 1–10 shown": what the
// list holds and which part of it follows.
std::string summary(const SearchResult& result) {
  auto counted = [](Xapian::doccount n, bool exact, const char* what) {
    return std::string(exact ? "" : "at least ") + std::to_string(n) + what;
  };
  std::string line =
      counted(result.total, result.total_exact, result.total == 1 ? " hit" : " hits") +
      " with every word";
  if (result.total_some > 0) {
    line += ", " + counted(result.total_some, result.total_some_exact, " with some of them");
  }
  if (result.hits.empty()) return line + "; none shown";
  const std::string first = std::to_string(result.hits.front().rank);
  const std::string last = std::to_string(result.hits.back().rank);
  return line + "; " + (first == last ? "hit " + first : first + "–" + last) + " shown";
}

}  // namespace

void TextFormatter::write(const SearchResult& result, std::ostream& out) {
  if (explain_) out << "parsed: " << result.parsed << "\n\n";
  const Xapian::doccount listed = result.total + result.total_some;
  if (listed == 0 && result.total_exact) return;  // main says so on stderr
  out << summary(result) << "\n\n";
  for (const Hit& hit : result.hits) write_hit(hit, out);
  const Xapian::doccount next = result.offset + static_cast<Xapian::doccount>(result.hits.size());
  if (!result.hits.empty() && (next < listed || !result.total_exact || !result.total_some_exact)) {
    out << "Next page: --offset " << next << "\n\n";
  }
  if (result.facets.empty()) return;
  const Xapian::doccount articles = result.facets.front().articles;
  out << "Facets of the " << articles << (articles == 1 ? " article" : " articles")
      << " with every word";
  if (articles != result.total) out << ", before collapsing into " << result.total << " hits";
  out << ":\n\n";
  for (const FacetCounts& facet : result.facets) write_facet(facet, out);
}

void TextFormatter::write_hit(const Hit& hit, std::ostream& out) const {
  const Article& a = hit.stored.article;
  const std::string title = hit.marked_title.empty() ? a.title : hit.marked_title;
  out << hit.rank << ". "
      << paint(render_marks(printable(title), color_ ? kRed : "", color_ ? kDefaultColor : ""),
               kBold, kNormal, color_)
      << '\n';
  std::string meta = printable(meta_line(a, true));
  if (!hit.all_words) meta += meta.empty() ? "some of the words" : " · some of the words";
  if (!meta.empty()) out << "   " << paint(meta, kDim, kNormal, color_) << '\n';
  if (!a.url().empty()) {
    out << "   " << paint(printable_url(a.url()), kCyan, kDefaultColor, color_) << '\n';
  }
  if (!hit.snippet.empty()) {
    const std::string on = color_ ? std::string(kBold) + std::string(kRed) : "";
    const std::string off = color_ ? std::string(kNormal) + std::string(kDefaultColor) : "";
    out << "   " << render_marks(printable(hit.snippet), on, off) << '\n';
  }
  if (hit.more > 0) {
    out << "   +" << hit.more << (hit.more_exact ? " more" : " or more")
        << " (same story, URL, title or event)"
        << (hit.folded.empty() ? "\n" : ":\n");
  }
  for (const Hit& folded : hit.folded) write_folded(folded, out);
  if (explain_) write_parts(hit, out);
  out << '\n';
}

// A folded article (--expand), indented under its hit: title, then date and
// provider, then URL.
void TextFormatter::write_folded(const Hit& hit, std::ostream& out) const {
  const Article& a = hit.stored.article;
  out << "     - " << printable(a.title) << '\n';
  const std::string meta = printable(meta_line(a, false));
  if (!meta.empty()) out << "       " << paint(meta, kDim, kNormal, color_) << '\n';
  if (!a.url().empty()) {
    out << "       " << paint(printable_url(a.url()), kCyan, kDefaultColor, color_) << '\n';
  }
}

void TextFormatter::write_facet(const FacetCounts& facet, std::ostream& out) const {
  out << paint(facet.name, kBold, kNormal, color_);
  if (facet.distinct > facet.values.size()) {
    out << " (top " << facet.values.size() << " of " << facet.distinct << ")";
  }
  out << '\n';
  if (facet.values.empty()) out << "   (none)\n";
  size_t width = 0, digits = 0;
  for (const FacetValue& v : facet.values) {
    width = std::max(width, columns(v.value));
    digits = std::max(digits, std::to_string(v.count).size());
  }
  double most = 1;  // the longest bar's count (values may be in their own order)
  for (const FacetValue& v : facet.values) most = std::max<double>(most, v.count);
  for (const FacetValue& v : facet.values) {
    const std::string count = std::to_string(v.count);
    const auto cells = std::max<size_t>(1, static_cast<size_t>(kBarCells * v.count / most + 0.5));
    std::string bar;
    for (size_t i = 0; i < cells; ++i) bar += "█";
    out << "   " << v.value << std::string(width - columns(v.value) + 2, ' ')
        << std::string(digits - count.size(), ' ') << count << ' '
        << paint(bar, kCyan, kDefaultColor, color_) << '\n';
  }
  out << '\n';
}

}  // namespace ns
