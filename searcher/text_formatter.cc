#include "searcher/text_formatter.h"

#include <ostream>

#include "common/datetime.h"

namespace ns {

void TextFormatter::write(const SearchResult& result, std::ostream& out) {
  for (const Hit& hit : result.hits) {
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
    out << '\n';
  }
}

}  // namespace ns
