#include "searcher/line_formatter.h"

#include <ostream>

namespace ns {

void TsvFormatter::write(const SearchResult& result, std::ostream& out) {
  for (const Hit& hit : result.hits) {
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (i > 0) out << '\t';
      out << field_text(hit, fields_[i]);
    }
    out << separator_;
  }
}

void UrlsFormatter::write(const SearchResult& result, std::ostream& out) {
  for (const Hit& hit : result.hits) {
    const std::string url = field_text(hit, Field::kUrl);
    if (!url.empty()) out << url << separator_;
  }
}

void CountFormatter::write(const SearchResult& result, std::ostream& out) {
  out << result.total + result.total_some << separator_;  // total_some: with --some-words
}

}  // namespace ns
