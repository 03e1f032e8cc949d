// One JSON document per result set (schema: README, "JSON output").
#pragma once

#include "searcher/formatter.h"

namespace ns {

class JsonFormatter : public Formatter {
 public:
  void write(const SearchResult& result, std::ostream& out) override;
};

}  // namespace ns
