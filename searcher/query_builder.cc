#include "searcher/query_builder.h"

#include <string>
#include <vector>

#include "common/errors.h"
#include "common/schema.h"

namespace ns {

Xapian::Query build_query(std::string_view text, Analyzer& analyzer) {
  std::vector<Xapian::Query> terms;
  for (const Token& token : analyzer.words(text)) {
    terms.emplace_back(schema::term(schema::kAnyText, token.term), 1, token.position);
  }
  if (terms.empty()) throw QueryError("query: no words to search for");
  return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
}

}  // namespace ns
