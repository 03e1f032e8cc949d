// Readable text: a numbered block per hit, then the facets as bar charts.
// With color (a terminal), titles are bold and matched words highlighted
// with ANSI escapes; without, the same text and no escape byte.
#pragma once

#include "searcher/formatter.h"

namespace ns {

// explain: the parsed query first and each hit's score parts.
class TextFormatter : public Formatter {
 public:
  TextFormatter(bool color, bool explain) : color_(color), explain_(explain) {}
  void write(const SearchResult& result, std::ostream& out) override;

 private:
  void write_hit(const Hit& hit, std::ostream& out) const;
  void write_folded(const Hit& hit, std::ostream& out) const;
  void write_facet(const FacetCounts& facet, std::ostream& out) const;

  bool color_;
  bool explain_;
};

}  // namespace ns
