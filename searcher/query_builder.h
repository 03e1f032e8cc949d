// Turns what the user typed into a Xapian query, through the one analyzer.
#pragma once

#include <xapian.h>

#include <string_view>

#include "common/analyzer.h"

namespace ns {

// Every word of text must match (in the title or the excerpt). Words are
// found by the same analyzer that indexed them. Throws QueryError when text
// holds no word to search for, AnalyzerError when analysis fails.
Xapian::Query build_query(std::string_view text, Analyzer& analyzer);

// Adds the ranking priors to a text query: a file's own article gains
// schema::kFileArticleBoost. Matches stay those of query.
Xapian::Query with_priors(const Xapian::Query& query);

}  // namespace ns
