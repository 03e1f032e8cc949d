// Formats of one record a line, for cut, sort, xargs and wc: tab-separated
// fields, URLs, the count. Records end with the separator: a newline, or a
// NUL with -0.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "searcher/formatter.h"

namespace ns {

// One row a hit: its fields joined by tabs. No header.
class TsvFormatter : public RecordFormatter {
 public:
  TsvFormatter(std::vector<Field> fields, char separator)
      : RecordFormatter(separator), fields_(std::move(fields)) {}
  void write(const SearchResult& result, std::ostream& out) override;

 private:
  std::vector<Field> fields_;
};

// Each hit's URL (hits without one are left out).
class UrlsFormatter : public RecordFormatter {
 public:
  using RecordFormatter::RecordFormatter;
  void write(const SearchResult& result, std::ostream& out) override;
};

// --count: the number of hits with every word (after collapsing), like
// grep -c.
class CountFormatter : public RecordFormatter {
 public:
  using RecordFormatter::RecordFormatter;
  void write(const SearchResult& result, std::ostream& out) override;
};

}  // namespace ns
