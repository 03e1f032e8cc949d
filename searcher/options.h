// ns-search's command line, declared once: parsed into a plain struct.
#pragma once

#include <iosfwd>
#include <string>

#include "common/options.h"
#include "searcher/formatter.h"
#include "searcher/search.h"

namespace ns {

struct SearchArgs {
  CommonOptions common;
  SearchRequest request;
  Format format = Format::kText;
};

// Parses argv; several QUERY words are joined with spaces. Throws
// UsageError on a bad command line, including no QUERY (unless --help or
// --version).
SearchArgs parse_search_args(int argc, const char* const* argv);

// Writes --help: usage, every option with its default and choices, exit codes.
void print_search_help(std::ostream& out);

}  // namespace ns
