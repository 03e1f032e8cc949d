// Lays out articles as Xapian documents, as the schema table says.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "common/analyzer.h"
#include "common/article.h"
#include "indexer/walker.h"

namespace ns {

// How much of an article a document holds.
enum class Detail {
  kFull,   // everything the schema table lists
  kLinks,  // no words nor filters: what placing it on a shard needs (ids, the
           // story, URL and title links, values, data); the plan of --shard
};

struct DocumentContext {
  std::string id;         // unique in the database; replace_document keys on it
  std::string source;     // the file the article was read from
  std::string story;      // story id shared by a file and its related entries
  std::string_view kind;  // schema::kKindFile or schema::kKindRelated
  Detail detail = Detail::kFull;
  bool with_related = false;  // the data keeps the related entries (a file's article)
};

// Returns the document for one article: id term, analysed title and
// excerpt words with positions, filter terms, value slots and display
// data. Throws AnalyzerError.
Xapian::Document build_document(const Article& article, const DocumentContext& context,
                                Analyzer& analyzer);

// Returns the document for a file's own article: build_document plus the
// file's stamp, its related entries and the URLs it holds and lists, which
// the indexer needs to keep related articles in step. Throws AnalyzerError.
Xapian::Document build_file_document(const Article& article, const FileInfo& file,
                                     Analyzer& analyzer, Detail detail = Detail::kFull);

// Returns the document for a related entry listed by the file at path, under
// id (its URL, or for an entry without one, see unkeyed_related).
// Throws AnalyzerError.
Xapian::Document build_related_document(const Article& entry, const std::string& id,
                                        const std::string& path, Analyzer& analyzer,
                                        Detail detail = Detail::kFull);

}  // namespace ns
