#include "server/params.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "common/errors.h"

namespace ns {
namespace {

// Parameters with a value, given to the flag of the same name.
constexpr std::string_view kValued[] = {
    "limit",     "offset",      "sort",     "decay",    "as_of",    "typos",
    "feedback",  "facet",       "facet_limit", "facet_sort", "min_quality", "provider", "site",
    "topic",     "category",    "type",     "lang",     "since",    "until",
    "like",      "new_since",
};
// Parameters that may be given more than once, each a flag.
constexpr std::string_view kRepeated[] = {"facet", "provider", "site", "topic",
                                          "category", "type", "lang"};
// Switches: the flag when on.
constexpr std::string_view kSwitches[] = {"reverse", "recent",      "some_words", "all_words",
                                          "literal", "expand",      "explain",    "facets",
                                          "exact_total", "other_stories"};

template <size_t N>
bool among(std::string_view name, const std::string_view (&names)[N]) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

std::string flag(std::string_view name) {
  std::string out = "--";
  for (char c : name) out += c == '_' ? '-' : c;
  return out;
}

// Whether a switch's value turns it on.
bool switched_on(const std::string& name, const std::string& value) {
  if (value.empty() || value == "1" || value == "true" || value == "on") return true;
  if (value == "0" || value == "false" || value == "off") return false;
  throw UsageError(name + ": expected true or false (1 or 0, on or off), got \"" + value + "\"");
}

}  // namespace

SearchArgs search_args_from(const Params& params) {
  if (params.size() > kMaxParams) {
    throw UsageError("too many parameters: " + std::to_string(params.size()) + ", at most " +
                     std::to_string(kMaxParams));
  }
  std::vector<std::string> argv = {"ns-search"};
  std::string query, format = "json";
  for (auto it = params.begin(); it != params.end(); ++it) {
    const std::string& name = it->first;
    const std::string& value = it->second;
    if (value.size() > kMaxValueBytes) {
      throw UsageError(name + ": longer than " + std::to_string(kMaxValueBytes) + " bytes");
    }
    if (params.count(name) > 1 && !among(name, kRepeated) && it == params.find(name)) {
      throw UsageError(name + ": given " + std::to_string(params.count(name)) + " times; give it once");
    }
    if (name == "q") {
      query = value;
    } else if (name == "collapse") {
      if (!switched_on(name, value)) argv.push_back("--no-collapse");
    } else if (among(name, kSwitches)) {
      if (switched_on(name, value)) argv.push_back(flag(name));
    } else if (name == "format") {
      if (value != "json" && value != "atom") {
        throw UsageError("format: expected json or atom, got \"" + value + "\"");
      }
      format = value;
    } else if (among(name, kValued)) {
      argv.push_back(flag(name) + "=" + value);
    } else {
      throw UsageError("unknown parameter \"" + name + "\"");
    }
  }
  argv.push_back("--format=" + format);
  if (!query.empty()) {
    argv.push_back("--");
    argv.push_back(query);
  }
  std::vector<const char*> args;
  for (const std::string& a : argv) args.push_back(a.c_str());
  return parse_search_args(static_cast<int>(args.size()), args.data());
}

}  // namespace ns
