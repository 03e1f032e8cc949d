// Prints each query's hits with their full scores, for comparing databases
// (shards_test: served shards against one database). Reads one query a
// line on stdin; prints, for each, one line: the query, then for each of
// the first 20 hits (collapsed, with every word) a tab, its id, a space and
// its score with 17 significant digits.
#include <xapian.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "common/analyzer.h"
#include "common/database.h"
#include "searcher/search.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: scores_probe DB < QUERY lines\n";
    return 2;
  }
  try {
    const Xapian::Database db = ns::open_for_search(argv[1]);
    ns::Analyzer analyzer;
    std::string line;
    while (std::getline(std::cin, line)) {
      ns::SearchRequest request;
      request.query = line;
      request.limit = 20;
      std::cout << line;
      for (const ns::Hit& hit : ns::search(db, request, analyzer).hits) {
        char score[32];
        std::snprintf(score, sizeof score, "%.17g", hit.score);
        std::cout << '\t' << hit.id << ' ' << score;
      }
      std::cout << '\n';
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "scores_probe: " << e.what() << '\n';
    return 2;
  }
}
