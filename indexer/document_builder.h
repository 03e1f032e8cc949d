// Lays out one article as a Xapian document, as the schema table says.
#pragma once

#include <xapian.h>

#include <string>

#include "common/analyzer.h"
#include "common/article.h"

namespace ns {

// Returns the document for article: its id term, analysed title and
// excerpt words with positions, value slots and display data. id must be
// unique in the database (replace_document keys on it); source is the file
// the article came from. Throws AnalyzerError.
Xapian::Document build_document(const Article& article, const std::string& id,
                                const std::string& source, Analyzer& analyzer);

}  // namespace ns
