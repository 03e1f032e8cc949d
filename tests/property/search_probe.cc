// Runs many queries in one process for the property tests. Reads lines
// "MODE<TAB>QUERY<TAB>PATH" on stdin; for each, checks that the article
// read from PATH matches QUERY as plain text (ns-search --literal) and, with
// MODE "first", that it ranks first; with MODE "quoted", that it matches
// QUERY as a quoted phrase; with MODE "phrase", that QUERY quoted
// as a phrase ranks it first (ties with articles of the same title, in its
// normalised words, allowed). Prints one line per
// failure, then "checked N, found F, first R of M".
#include <xapian.h>

#include <iostream>
#include <sstream>
#include <string>

#include "common/analyzer.h"
#include "common/database.h"
#include "common/doc_data.h"
#include "common/schema.h"
#include "searcher/query_builder.h"
#include "searcher/search.h"

namespace {

struct Probe {
  Xapian::Database db;
  ns::Analyzer analyzer;

  // The title stored for the article keyed by path, or "" when absent.
  std::string title_of(const std::string& path) {
    const std::string id = ns::schema::term(ns::schema::kId, path);
    Xapian::PostingIterator it = db.postlist_begin(id);
    if (it == db.postlist_end(id)) return {};
    return ns::decode_doc_data(db.get_document(*it).get_data()).article.title;
  }

  bool matches(const std::string& query, const std::string& path, bool quoted) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                    quoted ? ns::phrase_query(query, ns::kFreeText, analyzer)
                                           : ns::words_query(query, ns::kFreeText, analyzer),
                                    Xapian::Query(ns::schema::term(ns::schema::kId, path))));
    return enquire.get_mset(0, 1).size() == 1;
  }

  bool first(const std::string& query, const std::string& title, bool literal) {
    ns::SearchRequest request;
    request.query = query;
    request.limit = 1;
    request.literal = literal;
    ns::SearchResult result = ns::search(db, request, analyzer);
    // Ties among articles of the same title are allowed: the same words,
    // whatever their case or punctuation.
    return !result.hits.empty() &&
           analyzer.words_key(result.hits[0].stored.article.title) == analyzer.words_key(title);
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: search_probe DB < MODE<TAB>QUERY<TAB>PATH lines\n";
    return 2;
  }
  try {
    Probe probe{ns::open_for_search(argv[1]), {}};
    std::size_t checked = 0, found = 0, firsts = 0, first_checks = 0;
    std::string line;
    while (std::getline(std::cin, line)) {
      std::istringstream fields(line);
      std::string mode, query, path;
      std::getline(fields, mode, '\t');
      std::getline(fields, query, '\t');
      std::getline(fields, path, '\t');
      ++checked;
      const std::string title = probe.title_of(path);
      if (title.empty()) {
        std::cout << "not indexed: " << path << '\n';
        continue;
      }
      const bool phrase = mode == "phrase";
      if (phrase || probe.matches(query, path, mode == "quoted")) {
        ++found;
      } else {
        std::cout << "not found: " << query << " -> " << title << '\n';
      }
      if (mode == "first" || phrase) {
        ++first_checks;
        std::string quoted = query;
        for (char& c : quoted) c = c == '"' ? ' ' : c;
        if (phrase ? probe.first('"' + quoted + '"', title, false)
                   : probe.first(query, title, true)) {
          ++firsts;
        } else {
          std::cout << "not first: " << query << " -> " << title << '\n';
        }
      }
    }
    std::cout << "checked " << checked << ", found " << found << ", first " << firsts << " of "
              << first_checks << '\n';
    return found == checked && firsts == first_checks ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "search_probe: " << e.what() << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << "search_probe: " << e.get_description() << '\n';
  }
  return 2;
}
