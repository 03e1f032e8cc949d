// Plain, readable text: a numbered block per hit.
#pragma once

#include "searcher/formatter.h"

namespace ns {

class TextFormatter : public Formatter {
 public:
  void write(const SearchResult& result, std::ostream& out) override;
};

}  // namespace ns
