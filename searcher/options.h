// ns-search's command line, declared once: parsed into a plain struct.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/options.h"
#include "searcher/formatter.h"
#include "searcher/search.h"

namespace ns {

enum class ColorChoice { kAuto, kAlways, kNever };

// A filter given as a flag (--topic AI): what it selects in query terms.
struct FilterFlag {
  std::string flag;   // "--topic", for messages
  std::string field;  // a filter or range field of the query language
  std::string value;  // as after "field:" in a query
};

struct SearchArgs {
  CommonOptions common;
  SearchRequest request;  // without its filters: see filter_queries
  OutputOptions output;   // color still to be decided: see use_color
  ColorChoice color = ColorChoice::kAuto;
  std::vector<FilterFlag> filters;
  bool batch = false;          // queries from stdin, one a line
  bool allow_partial = false;  // search the shards that open, warning of the others
  std::string list_values;     // --list-values FIELD: print FIELD's values, search nothing
  std::string since_last;      // --since-last NAME: only what is new since NAME's last run
  bool since_last_all = false;  // --since-last-start all: a first run lists every article
};

// Parses argv; several QUERY words are joined with spaces. Throws
// UsageError on a bad command line, including no QUERY (unless --help,
// --version, --batch or --list-values, which takes a filter field of the
// query language and no QUERY).
SearchArgs parse_search_args(int argc, const char* const* argv);

// The filter flags as queries, each to match: values of one flag ORed,
// different flags ANDed (--since and --until too); relative dates count back
// from now (Unix seconds: the request's as_of). Throws UsageError naming the
// flag of a bad date.
std::vector<Xapian::Query> filter_queries(const std::vector<FilterFlag>& flags, Analyzer& analyzer,
                                          std::int64_t now);

// What the output shows decides what search reads (snippets, each hit's
// lang, kind and story, explanations) and whether it lists hits at all
// (--count). Not for --batch, whose lines are JSON of their own.
void fit_request_to_output(SearchArgs& args);

// Whether text output gets colour: --color always or never, else (auto)
// when stdout is a terminal and NO_COLOR is unset or empty.
bool use_color(ColorChoice choice, bool stdout_is_terminal, const char* no_color);

// Writes --help: usage, every option with its default and choices, exit codes.
void print_search_help(std::ostream& out);

}  // namespace ns
