#include "searcher/options.h"

#include <ctime>
#include <ostream>
#include <vector>

#include "common/datetime.h"
#include "common/errors.h"
#include "common/schema.h"

namespace ns {
namespace {

namespace po = boost::program_options;

constexpr unsigned kMaxLimit = 100000;

// Option values as typed, checked after parsing.
struct RawArgs {
  std::string format = "text";
  std::string limit = "10";
  std::string offset = "0";
  std::string sort = "relevance";
  std::string decay;
  std::string as_of;
  bool recent = false;
  bool no_collapse = false;
  std::vector<std::string> words;
};

// The names joined by sep: "text|json" for --help, "text, json" in errors.
template <size_t N>
std::string choices(const std::string_view (&names)[N], const char* sep = "|") {
  std::string out;
  for (std::string_view name : names) out += (out.empty() ? "" : sep) + std::string(name);
  return out;
}

SortOrder parse_sort(const std::string& name) {
  for (size_t i = 0; i < std::size(kSortNames); ++i) {
    if (name == kSortNames[i]) return static_cast<SortOrder>(i);
  }
  throw UsageError("--sort: unknown order \"" + name +
                   "\"; valid orders: " + choices(kSortNames, ", "));
}

po::options_description search_options(SearchArgs& args, RawArgs& raw) {
  po::options_description desc("Options");
  // clang-format off
  desc.add_options()
      ("format,f", po::value(&raw.format)->value_name(choices(kFormatNames))->default_value(raw.format),
       "output format")
      ("limit,n", po::value(&raw.limit)->value_name("N")->default_value(raw.limit),
       "show at most N hits")
      ("offset", po::value(&raw.offset)->value_name("N")->default_value(raw.offset),
       "skip the first N hits")
      ("sort", po::value(&raw.sort)->value_name(choices(kSortNames))->default_value(raw.sort),
       "order of the hits: best match, newest first, or highest quality first; ties by id")
      ("recent", po::bool_switch(&raw.recent),
       "favour recent articles: the same as --decay 30")
      ("decay", po::value(&raw.decay)->value_name("DAYS"),
       "favour recent articles: a boost of about half a matched word for today, halved "
       "every DAYS days back")
      ("as-of", po::value(&raw.as_of)->value_name("DATE"),
       "judge recency as of DATE (YYYY-MM-DD, UTC) instead of today, for archives")
      ("all-words", po::bool_switch(&args.request.all_words),
       "only articles with every word; without it, when fewer than a page have them all, "
       "the page goes on with articles that have some of them")
      ("literal,F", po::bool_switch(&args.request.literal),
       "read QUERY as plain text: no operators, quotes or fields (like grep -F)")
      ("no-collapse", po::bool_switch(&raw.no_collapse),
       "list every article: do not fold duplicates (same URL or title) and story siblings "
       "into one hit with +N more")
      ("explain", po::bool_switch(&args.request.explain),
       "show the parsed query and each hit's score parts: text, story head, quality, "
       "recency");
  // clang-format on
  desc.add(common_options(args.common));
  return desc;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

SearchArgs parse_search_args(int argc, const char* const* argv) {
  SearchArgs args;
  RawArgs raw;
  po::options_description all = search_options(args, raw);
  all.add_options()("query", po::value(&raw.words)->composing(), "query words");
  po::positional_options_description positional;
  positional.add("query", -1);
  po::variables_map vm;
  parse_command_line(argc, argv, all, positional, vm);
  if (args.common.help || args.common.version) return args;
  args.format = parse_format(raw.format);
  args.request.limit = parse_count("--limit", raw.limit, kMaxLimit);
  args.request.offset = parse_count("--offset", raw.offset, kMaxLimit);
  args.request.sort = parse_sort(raw.sort);
  args.request.collapse = !raw.no_collapse;
  if (raw.recent) args.request.decay_days = schema::kRecentHalfLifeDays;
  if (!raw.decay.empty()) {
    args.request.decay_days = static_cast<int>(parse_count("--decay", raw.decay, 36500));
    if (args.request.decay_days == 0) throw UsageError("--decay: expected at least 1 day, got 0");
  }
  args.request.as_of = std::time(nullptr);
  if (!raw.as_of.empty()) {
    auto as_of = raw.as_of.size() == 10 ? parse_iso8601(raw.as_of) : std::nullopt;
    if (!as_of) {
      throw UsageError("--as-of: expected a date as YYYY-MM-DD, got \"" + raw.as_of + "\"");
    }
    args.request.as_of = *as_of;
  }
  args.request.query = join(raw.words);
  if (args.request.query.empty()) throw UsageError("no QUERY given: say what to search for");
  return args;
}

void print_search_help(std::ostream& out) {
  SearchArgs unused_args;
  RawArgs unused_raw;
  out << "Usage: ns-search [OPTIONS] [--] QUERY...\n"
         "Search an ns database for news articles. Every word of QUERY must match in the\n"
         "title or the excerpt; the best matches come first (BM25, title weighted above\n"
         "the excerpt). When fewer than a page match every word, articles with some of\n"
         "them follow, marked (--all-words: none of those). * alone: every article.\n\n"
         "Query syntax: \"exact phrase\", a OR b, -word or NOT word, (grouping), pre*,\n"
         "title:word excerpt:word, filters provider: site: topic: tag: category: type:\n"
         "lang: kind: (quote values with spaces), ranges date:2021-12..2022-06-30 and\n"
         "quality:60.. (either end open). A query starting with - goes after --.\n\n"
      << search_options(unused_args, unused_raw)
      << "\nExit status: 0 at least one hit, 1 no hits, 2 error (bad option or query,\n"
         "missing or unreadable database).\n";
}

}  // namespace ns
