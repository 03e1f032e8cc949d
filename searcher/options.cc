#include "searcher/options.h"

#include <algorithm>

#include <ctime>
#include <map>
#include <ostream>
#include <vector>

#include "common/datetime.h"
#include "common/errors.h"
#include "common/program_options.h"
#include "common/ranking.h"
#include "common/schema.h"
#include "searcher/query_parser.h"
#include "searcher/since_last.h"

namespace ns {
namespace {

namespace po = boost::program_options;

constexpr unsigned kMaxLimit = 100000;

// Option values as typed, checked after parsing.
struct RawArgs {
  std::string format = "text";
  std::string fields{kDefaultFields};
  std::string limit = "10";
  std::string offset = "0";
  std::string sort = "relevance";
  std::string decay;
  std::string as_of;
  std::string color = "auto";
  std::string facet_limit = "10";
  std::string facet_sort;
  std::string min_quality;
  std::string typos = "on";
  std::string feedback = "on";
  std::string new_since;
  std::string since_last_start = "none";
  std::vector<std::string> facets;
  bool default_facets = false;
  bool recent = false;
  bool some_words = false;
  bool all_words = false;
  bool no_collapse = false;
  bool null = false;
  std::vector<std::string> words;
  std::map<std::string, std::vector<std::string>> filters;  // by flag, without "--"
};

// Flags that bound a range field, one end each; the term filters' flags
// (--topic...) come from the schema table (schema::kFilterFlag).
struct RangeFlag {
  const char* flag;
  std::string_view field;
  bool lower;  // bounds the range from below (VALUE..), else from above (..VALUE)
  const char* help;
};

// clang-format off
constexpr RangeFlag kRangeFlags[] = {
    {"since", schema::kDate.name, true,
     "only articles published in or after DATE (YYYY, YYYY-MM or YYYY-MM-DD, UTC; or today, "
     "yesterday, 7d, 2w, 3m, 1y: days, weeks, months, years back)"},
    {"until", schema::kDate.name, false, "only articles published in or before DATE"},
};
// clang-format on

bool has_filter_flag(const schema::Prefix& p) { return p.use & schema::kFilterFlag; }

constexpr std::string_view kColorNames[] = {"auto", "always", "never"};

// --typos and --feedback, off first (false).
constexpr std::string_view kSwitchNames[] = {"off", "on"};

// --since-last-start: a first run lists nothing (none) or every article.
constexpr std::string_view kSinceLastStartNames[] = {"none", "all"};

// --facet-sort, in schema::FacetOrder's order.
constexpr std::string_view kFacetSortNames[] = {"count", "value"};

std::string facet_names() {
  std::string out;
  for (const schema::Facet& f : schema::kFacets)
    out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

// The filter fields a query may name, each followed by suffix, joined by
// sep: "provider: site: ..." (schema::find_filter knows them).
std::string filter_fields(const char* suffix, const char* sep) {
  std::string out;
  for (const schema::Prefix& p : schema::kPrefixes) {
    if (schema::find_filter(p.field) == &p) {
      out += (out.empty() ? "" : sep) + std::string(p.field) + suffix;
    }
  }
  return out;
}

// --topic VALUE... for each field with a filter flag, then --since and --until.
void add_filter_options(po::options_description& desc, RawArgs& raw) {
  for (const schema::Prefix& p : schema::kPrefixes) {
    if (!has_filter_flag(p)) continue;
    const std::string flag(p.field);
    desc.add_options()(flag.c_str(),
                       po::value(&raw.filters[flag])->composing()->value_name("VALUE"),
                       std::string(p.help).c_str());
  }
  for (const RangeFlag& f : kRangeFlags) {
    desc.add_options()(f.flag, po::value(&raw.filters[f.flag])->composing()->value_name("DATE"),
                       f.help);
  }
}

// What is written and how: --format, --fields, --header, -0, --count,
// --exact-total, --color.
void add_output_options(po::options_description& desc, SearchArgs& args, RawArgs& raw) {
  // clang-format off
  desc.add_options()
      ("format,f", po::value(&raw.format)->value_name(choices(kFormatNames))->default_value(raw.format),
       "output format: text; json, one document; jsonl, a line a hit and a summary line; "
       "tsv, the --fields of a hit a line; urls, a URL a line; atom, an Atom 1.0 feed")
      ("fields", po::value(&raw.fields)->value_name("LIST")->default_value(raw.fields),
       ("tsv columns, from " + choices(kFieldNames, ", ")).c_str())
      ("header", po::bool_switch(&args.output.header),
       "tsv: a first line naming the columns")
      ("null,0", po::bool_switch(&raw.null),
       "end records with NUL instead of a newline (urls, tsv, jsonl, --count), for xargs -0")
      ("count,c", po::bool_switch(&args.output.count),
       "print only the number of hits with every word (after collapsing), counting every one")
      ("exact-total", po::bool_switch(&args.request.exact_total),
       "count every hit for the total; without it, counting may stop after 1,000 and a "
       "larger total is a lower bound (JSON total_exact false)")
      ("color", po::value(&raw.color)->value_name(choices(kColorNames))->default_value(raw.color),
       "colour text output: auto, when stdout is a terminal and NO_COLOR is unset");
  // clang-format on
}

po::options_description search_options(SearchArgs& args, RawArgs& raw) {
  po::options_description desc("Options");
  add_output_options(desc, args, raw);
  // clang-format off
  desc.add_options()
      ("limit,n", po::value(&raw.limit)->value_name("N")->default_value(raw.limit),
       "show at most N hits")
      ("offset", po::value(&raw.offset)->value_name("N")->default_value(raw.offset),
       "skip the first N hits")
      ("sort", po::value(&raw.sort)->value_name(choices(kSortNames))->default_value(raw.sort),
       "order of the hits: best match, newest first, or highest quality first; ties by id")
      ("reverse", po::bool_switch(&args.request.reverse),
       "with --sort date or quality: oldest or lowest first (those without one still last)")
      ("recent", po::bool_switch(&raw.recent),
       "favour recent articles: the same as --decay 30")
      ("decay", po::value(&raw.decay)->value_name("DAYS"),
       "favour recent articles: a boost of 1.0 (a matched word: about 5 to 11) for today, "
       "halved every DAYS days back")
      ("as-of", po::value(&raw.as_of)->value_name("DATE"),
       "judge recency and relative dates (7d...) as of DATE (YYYY-MM-DD, UTC) instead of "
       "today, for archives")
      ("some-words", po::bool_switch(&raw.some_words),
       "articles with some of the words are hits too, marked (all_words false): by "
       "relevance one list where every word counts in proportion to the match, by date or "
       "quality after those with every word; the default of text output sorted by "
       "relevance; other formats, --count and --sort date or quality list only articles "
       "with every word unless asked")
      ("all-words", po::bool_switch(&raw.all_words),
       "only articles with every word, in text output too")
      ("typos", po::value(&raw.typos)->value_name(choices(kSwitchNames))->default_value(raw.typos),
       "a word of 5 or more letters that (with its stem) is in at most 2 articles also "
       "matches words of the database one edit away (9 or more letters: two), ranked below "
       "the word as typed: JSON typo true; a word no article has gets a suggestion either way")
      ("feedback", po::value(&raw.feedback)->value_name(choices(kSwitchNames))->default_value(raw.feedback),
       "sorted by relevance, the stems that tell the 3 best hits apart (pseudo-relevance "
       "feedback) also rank the hits, never adding any: articles on the subject in other "
       "words rise; --explain lists them")
      ("like", po::value(&args.request.like)->value_name("REF"),
       "rank articles by the telling words of the article REF (its URL, its file's path or "
       "its id as JSON prints it): the rest of its coverage first; never REF itself; "
       "QUERY, when given, must match too")
      ("other-stories", po::bool_switch(&args.request.other_stories),
       "with --like: leave out REF's whole story")
      ("literal,F", po::bool_switch(&args.request.literal),
       "read QUERY as plain text: no operators, quotes or fields (like grep -F)")
      ("no-collapse", po::bool_switch(&raw.no_collapse),
       "list every article: do not fold duplicates (same URL or title) and story siblings "
       "into one hit with +N more")
      ("expand", po::bool_switch(&args.request.expand),
       "list under each hit with +N more the articles folded into it that match, best "
       "first (JSON: \"folded\"; tsv and urls: rows after the hit)")
      ("explain", po::bool_switch(&args.request.explain),
       "show the parsed query and each hit's score parts: text, story head, quality, "
       "recency")
      ("facet", po::value(&raw.facets)->composing()->value_name("LIST"),
       ("count the values of these fields over every article with every word: " +
        facet_names()).c_str())
      ("facets", po::bool_switch(&raw.default_facets),
       ("count the usual fields: " + std::string(schema::kDefaultFacets)).c_str())
      ("facet-limit", po::value(&raw.facet_limit)->value_name("N")->default_value(raw.facet_limit),
       "list at most N values a facet: the most frequent")
      ("facet-sort", po::value(&raw.facet_sort)->value_name(choices(kFacetSortNames)),
       "list facet values most frequent first (count) or in their own order (value); by "
       "default year, month, day and quality are listed in their order, as a time line or "
       "scale, the others by count")
      ("min-quality", po::value(&raw.min_quality)->value_name("N"),
       "only articles of quality N or more")
      ("new-since", po::value(&raw.new_since)->value_name("WHEN"),
       "only articles that entered the database at or after WHEN (a date as --since takes "
       "it, or a date-time: 2026-12-03T08:00:00Z), or after revision @N (the database's "
       "revision, JSON's \"revision\", which each ns-index run raises)")
      ("since-last", po::value(&args.since_last)->value_name("NAME"),
       "only articles that entered the database since the last run of NAME, every one of "
       "them (no --limit); a run that succeeds moves NAME's mark, kept in "
       "$XDG_STATE_HOME/ns/since-last/ (~/.local/state/ns/since-last/), for a cron job")
      ("since-last-start",
       po::value(&raw.since_last_start)->value_name(choices(kSinceLastStartNames))
           ->default_value(raw.since_last_start),
       "what the first run of a --since-last NAME lists: nothing (it sets the mark) or "
       "every article");
  add_filter_options(desc, raw);
  desc.add_options()
      ("allow-partial", po::bool_switch(&args.allow_partial),
       "with a stub file naming shards: search the shards that can be opened, with a "
       "warning on stderr for each one left out, instead of failing (exit 2)")
      ("batch", po::bool_switch(&args.batch),
       "read one query a line from stdin and write one JSON line for each (query, total, "
       "hits, facets), in one process")
      ("list-values", po::value(&args.list_values)->value_name("FIELD"),
       ("print the values FIELD has in the database, one a line in byte order, as filters "
        "match them (lower case...), and exit (status 1 when there are none); FIELD: " +
        filter_fields("", ", ")).c_str());
  // clang-format on
  desc.add(common_options(args.common));
  return desc;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// --facet lists (comma-separated, repeatable) and --facets, checked.
std::vector<std::string> facets(const RawArgs& raw) {
  std::vector<std::string> lists = raw.facets;
  if (raw.default_facets) lists.emplace_back(schema::kDefaultFacets);
  std::vector<std::string> out;
  for (const std::string& list : lists) {
    for (const std::string& name : split_list(list)) {
      if (!schema::find_facet(name)) {
        throw UsageError("--facet: unknown field \"" + name + "\"; valid fields: " + facet_names());
      }
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
  }
  return out;
}

// The values given to flag, each checked not to be empty.
const std::vector<std::string>& flag_values(const RawArgs& raw, const std::string& flag) {
  const std::vector<std::string>& values = raw.filters.at(flag);
  for (const std::string& value : values) {
    if (value.empty()) throw UsageError("--" + flag + ": expected a value, got \"\"");
  }
  return values;
}

std::vector<FilterFlag> filter_flags(const RawArgs& raw) {
  std::vector<FilterFlag> out;
  for (const schema::Prefix& p : schema::kPrefixes) {
    if (!has_filter_flag(p)) continue;
    const std::string flag(p.field);
    for (const std::string& value : flag_values(raw, flag)) {
      out.push_back({"--" + flag, flag, value});
    }
  }
  for (const RangeFlag& f : kRangeFlags) {
    for (const std::string& value : flag_values(raw, f.flag)) {
      out.push_back({std::string("--") + f.flag, std::string(f.field),
                     f.lower ? value + ".." : ".." + value});
    }
  }
  if (!raw.min_quality.empty()) {
    const unsigned q = parse_count("--min-quality", raw.min_quality, 100000);
    out.push_back({"--min-quality", std::string(schema::kQuality.name), std::to_string(q) + ".."});
  }
  return out;
}

// Refuses options that cannot combine, saying which and why.
void check_combinations(const SearchArgs& args, const RawArgs& raw,
                        const po::variables_map& given) {
  const Format format = args.output.format;
  auto named = [&](const char* option) {
    return given.count(option) && !given[option].defaulted();
  };
  if (raw.null && !args.output.count &&
      (format == Format::kText || format == Format::kJson || format == Format::kAtom)) {
    throw UsageError("-0: records end with NUL only with --format urls, tsv or jsonl, or --count");
  }
  if (args.batch && (format != Format::kText || args.output.count || raw.null)) {
    throw UsageError("--batch writes one JSON line a query; leave out --format, --count and -0");
  }
  if (args.output.header && format != Format::kTsv) {
    throw UsageError("--header names the columns of tsv output; it is for --format tsv");
  }
  if (args.request.other_stories && args.request.like.empty()) {
    throw UsageError("--other-stories leaves out the story of --like's article; give --like REF");
  }
  if (given.count("since-last")) {
    check_since_last_name(args.since_last);  // "" too
    // A shard left out (--allow-partial) would have its new articles
    // skipped for good once the mark moves past them.
    for (const char* option : {"new-since", "limit", "offset", "batch", "allow-partial"}) {
      if (named(option)) {
        throw UsageError(std::string("--since-last lists every article new since NAME's last "
                                     "run; leave out --") + option);
      }
    }
  } else if (named("since-last-start")) {
    throw UsageError("--since-last-start says what the first run of --since-last NAME lists; "
                     "give --since-last NAME");
  }
  if (args.request.expand && raw.no_collapse) {
    throw UsageError(
        "--expand lists the articles folded into each hit, and --no-collapse folds none (every "
        "article is a hit): give one");
  }
  if (args.output.count) {
    for (const char* option :
         {"format", "fields", "header", "expand", "facet", "facets", "limit", "offset"}) {
      if (named(option) && !(option == std::string("format") && format == Format::kText)) {
        throw UsageError(std::string("--count prints one number; leave out --") + option);
      }
    }
  }
}

// Whether articles with some of the words are hits too (see --some-words).
bool some_words(const SearchArgs& args, const RawArgs& raw) {
  if (raw.some_words && raw.all_words) {
    throw UsageError("--some-words and --all-words: give one");
  }
  if (raw.some_words || raw.all_words) return raw.some_words;
  return args.output.format == Format::kText && !args.output.count && !args.batch &&
         args.request.sort == SortOrder::kRelevance;
}

// --new-since WHEN: @REVISION or a date or date-time (relative dates count
// back from the request's as_of).
void parse_new_since(SearchRequest& request, const std::string& when) {
  if (when.size() > 1 && when.size() <= 20 && when.front() == '@' &&
      when.find_first_not_of("0123456789", 1) == std::string::npos) {
    request.new_since_revision = std::stoull(when.substr(1));
    return;
  }
  request.new_since_time = instant(when, request.as_of);
  if (!request.new_since_time) {
    throw UsageError("--new-since: expected a date (YYYY, YYYY-MM, YYYY-MM-DD, today, "
                     "yesterday, 7d, 2w, 3m, 1y), a date-time (2026-12-03T08:00:00Z) or "
                     "@REVISION (a revision of the database, as JSON's \"revision\" shows "
                     "it), got \"" + when + "\"");
  }
}

// The paging, order, collapsing, facets and recency of the request.
void parse_request(SearchArgs& args, const RawArgs& raw) {
  args.request.limit = parse_count("--limit", raw.limit, kMaxLimit);
  args.request.exact_total = args.request.exact_total || args.output.count;
  args.request.offset = parse_count("--offset", raw.offset, kMaxLimit);
  args.request.sort = static_cast<SortOrder>(choose("--sort", "order", raw.sort, kSortNames));
  args.request.some_words = some_words(args, raw);
  if (args.request.reverse && args.request.sort == SortOrder::kRelevance) {
    throw UsageError("--reverse reverses --sort date or quality; the best match stays first");
  }
  args.request.collapse = !raw.no_collapse;
  args.request.typos = choose("--typos", "choice", raw.typos, kSwitchNames) == 1;
  args.request.feedback = choose("--feedback", "choice", raw.feedback, kSwitchNames) == 1;
  args.request.facets = facets(raw);
  args.request.facet_limit = parse_count("--facet-limit", raw.facet_limit, kMaxLimit);
  if (!raw.facet_sort.empty()) {
    args.request.facet_sort = static_cast<schema::FacetOrder>(
        choose("--facet-sort", "order", raw.facet_sort, kFacetSortNames));
  }
  if (raw.recent) args.request.decay_days = ranking::kRecentHalfLifeDays;
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
  if (!args.since_last.empty()) args.request.limit = kMaxLimit;
  args.since_last_all =
      choose("--since-last-start", "choice", raw.since_last_start, kSinceLastStartNames) == 1;
}

// The QUERY words as one query; filter flags alone select every article
// they match, as "*" with them would.
void parse_query_words(SearchArgs& args, const RawArgs& raw) {
  args.request.query = join(raw.words);
  if (args.batch && !args.request.query.empty()) {
    throw UsageError("--batch reads its queries from stdin; give no QUERY");
  }
  if (!args.batch && args.request.query.empty()) {
    if (args.filters.empty() && args.request.like.empty()) {
      throw UsageError("no QUERY given: say what to search for (* for every article)");
    }
    args.request.query = "*";
  }
}

// --list-values FIELD: a filter field, no QUERY, and of the other options
// only those that say where the database is and how lines end.
void check_list_values(const SearchArgs& args, const RawArgs& raw, const po::variables_map& given) {
  if (!schema::find_filter(args.list_values)) {
    throw UsageError("--list-values: unknown field \"" + args.list_values +
                     "\"; valid fields: " + filter_fields("", ", "));
  }
  if (!raw.words.empty()) throw UsageError("--list-values: give no QUERY");
  for (const auto& [name, value] : given) {
    if (value.defaulted() || name == "list-values" || name == "db" || name == "null" ||
        name == "allow-partial")
      continue;
    throw UsageError("--list-values: give it with --db, -0 or --allow-partial only, not --" + name);
  }
}

}  // namespace

SearchArgs parse_search_args(int argc, const char* const* argv) {
  SearchArgs args;
  RawArgs raw;
  po::options_description all = search_options(args, raw);
  const po::variables_map given = parse_command_line(argc, argv, all, "query", raw.words);
  if (args.common.help || args.common.version) return args;
  if (!args.list_values.empty()) {
    check_list_values(args, raw, given);
    args.output.separator = raw.null ? '\0' : '\n';
    return args;
  }
  args.output.format = parse_format(raw.format);
  args.output.fields = parse_fields(raw.fields);
  args.output.separator = raw.null ? '\0' : '\n';
  args.output.expand = args.request.expand;
  args.color = static_cast<ColorChoice>(choose("--color", "choice", raw.color, kColorNames));
  check_combinations(args, raw, given);
  parse_request(args, raw);
  if (given.count("new-since")) parse_new_since(args.request, raw.new_since);  // "" too
  args.filters = filter_flags(raw);
  parse_query_words(args, raw);
  return args;
}

std::vector<Xapian::Query> filter_queries(const std::vector<FilterFlag>& flags,
                                          Analyzer& analyzer, std::int64_t now) {
  // By flag, not by field: --since and --until bound one field and are ANDed.
  std::map<std::string, std::vector<Xapian::Query>> by_flag;
  for (const FilterFlag& f : flags) {
    try {
      by_flag[f.flag].push_back(field_query(f.field, f.value, analyzer, now));
    } catch (const QueryError&) {
      std::string value = f.value;
      value.erase(0, value.find_first_not_of('.'));
      value.erase(value.find_last_not_of('.') + 1);
      throw UsageError(f.flag +
                       ": expected a date as YYYY, YYYY-MM or YYYY-MM-DD, or a day counted back "
                       "from today (today, yesterday, 7d, 2w, 3m, 1y), got \"" +
                       value + "\"");
    }
  }
  std::vector<Xapian::Query> out;
  for (const auto& [flag, queries] : by_flag) {
    out.emplace_back(Xapian::Query::OP_OR, queries.begin(), queries.end());
  }
  return out;
}

bool use_color(ColorChoice choice, bool stdout_is_terminal, const char* no_color) {
  if (choice != ColorChoice::kAuto) return choice == ColorChoice::kAlways;
  return stdout_is_terminal && (no_color == nullptr || *no_color == '\0');
}

void fit_request_to_output(SearchArgs& args) {
  args.output.explain = args.request.explain;
  const Format format = args.output.format;
  const auto& fields = args.output.fields;
  auto shows = [&](Field f) { return std::find(fields.begin(), fields.end(), f) != fields.end(); };
  args.request.snippets = !args.output.count &&
                          (format == Format::kTsv ? shows(Field::kSnippet)
                                                 : format != Format::kUrls && format != Format::kAtom);
  // Text and urls show no lang, kind or story; tsv only when asked.
  args.request.hit_fields =
      format == Format::kJson || format == Format::kJsonl ||
      (format == Format::kTsv && (shows(Field::kLang) || shows(Field::kKind) || shows(Field::kStory)));
  if (args.output.count) args.request.limit = 0;
  if (format == Format::kAtom) {
    args.request.hit_fields = true;  // first seen: an entry's time when it has no date
    args.output.feed_time = args.request.as_of;
    args.output.feed_id = "urn:ns-search:" + schema::hex_hash(request_key(args.request));
  }
}

void print_search_help(std::ostream& out) {
  SearchArgs unused_args;
  RawArgs unused_raw;
  out << "Usage: ns-search [OPTIONS] [--] QUERY...\n"
         "  or:  ns-search --batch [OPTIONS] < queries\n"
         "  or:  ns-search [--db PATH] --list-values FIELD\n"
         "Search an ns database for news articles. Every word of QUERY must match in the\n"
         "title or the excerpt; the best matches come first (BM25, title weighted above\n"
         "the excerpt). Text sorted by relevance lists articles with some of them too,\n"
         "marked, in one ranked list (--all-words: none of those); other formats list\n"
         "them only with --some-words. * alone: every article.\n\n"
      << wrap("Query syntax: \"exact phrase\", a OR b, -word or NOT word, (grouping), pre*, "
              "title:word excerpt:word, filters " + filter_fields(":", " ") +
                  " (quote values with spaces), ranges date:2021-12..2022-06-30 and "
                  "quality:60.. (either end open), story:ID (the articles of one story, "
                  "by the id JSON shows). A query starting with - goes after --.",
              kHelpWidth)
      << "Filter flags (--topic, --since...) may repeat: values of one flag are ORed,\n"
         "different flags ANDed; like query filters, they never change scores.\n\n"
      << search_options(unused_args, unused_raw)
      << "\nExit status:\n"
         "  0  at least one hit (--list-values: at least one value)\n"
         "  1  no hits (no values)\n"
         "  2  error: bad option or query, missing or unreadable database\n"
         "A reader that stops early (| head) is no error.\n";
}

}  // namespace ns
