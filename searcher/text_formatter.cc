#include "searcher/text_formatter.h"

#include <cstdio>
#include <ostream>

#include "common/datetime.h"

namespace ns {

namespace {

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

}  // namespace

void TextFormatter::write(const SearchResult& result, std::ostream& out) {
  if (!result.parsed.empty()) out << "parsed: " << result.parsed << "\n\n";
  bool all_words = true;
  for (const Hit& hit : result.hits) {
    if (all_words && !hit.all_words) {
      out << (hit.rank == 1 ? "No article has every word; these have some of them:"
                            : "With some of the words:")
          << "\n\n";
    }
    all_words = hit.all_words;
    const Article& a = hit.stored.article;
    out << hit.rank << ". " << a.title << '\n';
    std::string meta;
    auto add = [&meta](const std::string& part) {
      if (part.empty()) return;
      if (!meta.empty()) meta += " · ";
      meta += part;
    };
    if (a.published_at) add(format_date(*a.published_at));
    add(a.provider.name.empty() ? a.provider.domain : a.provider.name);
    if (a.quality) add("quality " + std::to_string(*a.quality));
    if (!meta.empty()) out << "   " << meta << '\n';
    if (!a.url().empty()) out << "   " << a.url() << '\n';
    if (hit.more > 0) out << "   +" << hit.more << " more (same story, URL or title)\n";
    if (!result.parsed.empty()) write_parts(hit, out);
    out << '\n';
  }
}

}  // namespace ns
