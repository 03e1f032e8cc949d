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

Xapian::Query with_priors(const Xapian::Query& query) {
  // ValueMapPostingSource is one of Xapian's built-in sources, so remote
  // shards served by xapian-tcpsrv can run it too.
  auto* kind = new Xapian::ValueMapPostingSource(schema::kKindValue.slot);
  kind->add_mapping(std::string(schema::kKindFile), schema::kFileArticleBoost);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(kind->release()));
}

}  // namespace ns
