// Readable text: a numbered block per hit, then the facets as bar charts.
// With color (a terminal), titles are bold and matched words highlighted
// with ANSI escapes; without, the same text and no escape byte.
#pragma once

#include "searcher/formatter.h"

namespace ns {

class TextFormatter : public Formatter {
 public:
  explicit TextFormatter(bool color) : color_(color) {}
  void write(const SearchResult& result, std::ostream& out) override;

 private:
  void write_hit(const Hit& hit, bool explain, std::ostream& out) const;
  void write_facet(const FacetCounts& facet, std::ostream& out) const;

  bool color_;
};

}  // namespace ns
