#include "searcher/line_formatter.h"

#include <ostream>

namespace ns {

void TsvFormatter::write(const SearchResult& result, std::ostream& out) {
  if (header_) {
    for (size_t i = 0; i < fields_.size(); ++i) {
      out << (i > 0 ? "\t" : "") << kFieldNames[static_cast<size_t>(fields_[i])];
    }
    out << separator_;
  }
  for (const Hit& hit : result.hits) {
    write_row(hit, out);
    for (const Hit& folded : hit.folded) write_row(folded, out);
  }
}

void TsvFormatter::write_row(const Hit& hit, std::ostream& out) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    out << (i > 0 ? "\t" : "") << field_text(hit, fields_[i]);
  }
  out << separator_;
}

void UrlsFormatter::write(const SearchResult& result, std::ostream& out) {
  auto write_url = [&](const Hit& hit) {
    const std::string url = field_text(hit, Field::kUrl);
    if (!url.empty()) out << url << separator_;
  };
  for (const Hit& hit : result.hits) {
    write_url(hit);
    for (const Hit& folded : hit.folded) write_url(folded);
  }
}

void CountFormatter::write(const SearchResult& result, std::ostream& out) {
  out << result.total + result.total_some << separator_;  // total_some: with --some-words
}

}  // namespace ns
