// Formats of one record a line, for cut, sort, xargs and wc: tab-separated
// fields, URLs, the count. Records end with the separator: a newline, or a
// NUL with -0.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "searcher/formatter.h"

namespace ns {

// One row a hit, its fields joined by tabs, then a row for each article
// folded into it (--expand); header: first a row of the field names.
class TsvFormatter : public RecordFormatter {
 public:
  TsvFormatter(std::vector<Field> fields, char separator, bool header)
      : RecordFormatter(separator), fields_(std::move(fields)), header_(header) {}
  void write(const SearchResult& result, std::ostream& out) override;

 private:
  void write_row(const Hit& hit, std::ostream& out) const;

  std::vector<Field> fields_;
  bool header_;
};

// Each hit's URL, then those of the articles folded into it (--expand);
// articles without one are left out.
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
