// The search API's parameters: read as ns-search's options, by its own
// parser, so each means what the flag means and fails with the same message.
#pragma once

#include <map>
#include <string>

#include "searcher/options.h"

namespace ns {

// A request's parameters (cpp-httplib's Params): name to value, a name
// possibly given more than once.
using Params = std::multimap<std::string, std::string>;

// At most this many parameters, each value at most kMaxValueBytes.
inline constexpr size_t kMaxParams = 64;
inline constexpr size_t kMaxValueBytes = 4096;

// The ns-search command line params stand for, --format json (format=atom:
// --format atom; no other format): q is the
// query; every other name is a flag with "_" for "-" (min_quality=60 is
// --min-quality 60); a switch (some_words, expand...) is on for "", 1, true
// or on and off for 0, false or off; collapse=false is --no-collapse. The
// filters (topic, provider, site, lang...) and facet may repeat. Throws
// UsageError: an unknown, repeated or too long parameter, a bad switch
// value, or whatever ns-search says of the flags.
SearchArgs search_args_from(const Params& params);

}  // namespace ns
