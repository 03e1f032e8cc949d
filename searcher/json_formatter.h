// JSON output (schema: README, "JSON output", and searcher/output.schema.json),
// written with nlohmann::json.
#pragma once

#include <string>

#include "searcher/formatter.h"

namespace ns {

// One JSON document per result: query, totals, hits, facets. compact: on
// one line (batch mode), else indented. explain: with the parsed query and
// each hit's score parts.
class JsonFormatter : public Formatter {
 public:
  JsonFormatter(bool compact, bool explain) : compact_(compact), explain_(explain) {}
  void write(const SearchResult& result, std::ostream& out) override;

 private:
  bool compact_;
  bool explain_;
};

// JSON Lines: one object a hit ("record": "hit"), then one with the query,
// totals and facets ("record": "summary"). explain: as JsonFormatter's.
class JsonlFormatter : public RecordFormatter {
 public:
  JsonlFormatter(char separator, bool explain) : RecordFormatter(separator), explain_(explain) {}
  void write(const SearchResult& result, std::ostream& out) override;

 private:
  bool explain_;
};

// The batch line for a query that could not be run: {"version", "query",
// "error"} on one line, newline-terminated.
std::string json_error_line(const std::string& query, const std::string& error);

}  // namespace ns
