// Turns what the user typed into a Xapian query, through the one analyzer.
#pragma once

#include <xapian.h>

#include <string_view>

#include "common/analyzer.h"

namespace ns {

// Every unit of text (a word, a hyphenated compound, a CJK chunk; see
// Analyzer::query_units) must match, in the title or the excerpt. A unit
// matches as a whole word (weighted kWholeWordBoost), by its English stem,
// or, in Chinese, Japanese and Korean text, as a substring (its character
// bigrams as a phrase). Text between double quotes is a phrase of exact
// words; an unclosed quote runs to the end. The text is first tidied as
// article text is (clean_text). Throws QueryError when text
// holds nothing to search for, AnalyzerError when analysis fails.
Xapian::Query build_query(std::string_view text, Analyzer& analyzer);

// Adds the ranking priors to query, built from text: a file's own article
// gains schema::kFileArticleBoost, and an article whose whole title is text
// (in its normalised words, quotes aside) ranks first. Matches stay those
// of query. Throws AnalyzerError.
Xapian::Query with_priors(const Xapian::Query& query, std::string_view text, Analyzer& analyzer);

}  // namespace ns
