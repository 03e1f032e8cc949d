// JSON output (schema: docs/output.md, "JSON output", and searcher/output.schema.json),
// written with nlohmann::json.
#pragma once

#include <string>
#include <vector>

#include "searcher/formatter.h"

namespace ns {

// One JSON document per result: query, totals, hits, facets. compact: on
// one line (batch mode), else indented. explain: with the parsed query and
// each hit's score parts. expand: each hit with its "folded" articles.
class JsonFormatter : public Formatter {
 public:
  JsonFormatter(bool compact, bool explain, bool expand)
      : compact_(compact), explain_(explain), expand_(expand) {}
  void write(const SearchResult& result, std::ostream& out) override;

 private:
  bool compact_;
  bool explain_;
  bool expand_;
};

// JSON Lines: one object a hit ("record": "hit"), then one with the query,
// totals and facets ("record": "summary"). explain, expand: as JsonFormatter's.
class JsonlFormatter : public RecordFormatter {
 public:
  JsonlFormatter(char separator, bool explain, bool expand)
      : RecordFormatter(separator), explain_(explain), expand_(expand) {}
  void write(const SearchResult& result, std::ostream& out) override;

 private:
  bool explain_;
  bool expand_;
};

// One article (ns-serve's /api/v1/article/ID): {"version", "article": a
// hit, "story": the other articles of its story, as hits}, indented.
std::string article_json(const Hit& article, const std::vector<Hit>& story);

// The batch line for a query that could not be run: {"version", "query",
// "error"} on one line, newline-terminated.
std::string json_error_line(const std::string& query, const std::string& error);

}  // namespace ns
