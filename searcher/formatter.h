// The one interface every output format implements. Formatters see plain
// SearchResults, never Xapian.
#pragma once

#include <iosfwd>
#include <memory>
#include <string_view>

#include "searcher/search.h"

namespace ns {

enum class Format { kText, kJson };

// The --format names, in the order --help lists them.
inline constexpr std::string_view kFormatNames[] = {"text", "json"};

// Version of the JSON output schema (README: "JSON output"). Bump on any
// change that could break a reader: a removed or renamed field, a new type.
inline constexpr int kJsonSchemaVersion = 1;

class Formatter {
 public:
  virtual ~Formatter() = default;
  // Writes result to out.
  virtual void write(const SearchResult& result, std::ostream& out) = 0;
};

// Returns the formatter for format.
std::unique_ptr<Formatter> make_formatter(Format format);

// Reads a --format name. Throws UsageError listing the valid names.
Format parse_format(std::string_view name);

}  // namespace ns
