// JSON output (schema: README, "JSON output", and searcher/output.schema.json),
// written with nlohmann::json.
#pragma once

#include <string>

#include "searcher/formatter.h"

namespace ns {

// One JSON document per result: query, totals, hits, facets. compact: on
// one line (batch mode), else indented.
class JsonFormatter : public Formatter {
 public:
  explicit JsonFormatter(bool compact) : compact_(compact) {}
  void write(const SearchResult& result, std::ostream& out) override;

 private:
  bool compact_;
};

// JSON Lines: one object a hit ("record": "hit"), then one with the query,
// totals and facets ("record": "summary").
class JsonlFormatter : public RecordFormatter {
 public:
  using RecordFormatter::RecordFormatter;
  void write(const SearchResult& result, std::ostream& out) override;
};

// The batch line for a query that could not be run: {"version", "query",
// "error"} on one line, newline-terminated.
std::string json_error_line(const std::string& query, const std::string& error);

}  // namespace ns
