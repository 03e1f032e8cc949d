// The document data of an ns database: what the searcher shows for a hit,
// serialised compactly (MessagePack) by the indexer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"

namespace ns {

struct StoredArticle {
  Article article;     // display fields only (no images or HTML): of the
                       // URLs, the one shown (url()) as web_url; related
                       // entries only when asked for
  std::string source;  // file the article was read from
};

// Serialises the display fields of article and its source file; with
// with_related, its related entries too (a file's own article: the indexer
// reads them back to keep related articles in step), as one opaque field a
// reader that does not ask for them skips.
std::string encode_doc_data(const Article& article, std::string_view source,
                            bool with_related = false);

// Reads what encode_doc_data wrote, the related entries too with
// with_related. Throws DatabaseError when data is not such a record (a
// database written by something else).
StoredArticle decode_doc_data(std::string_view data, bool with_related = false);

// The related entries encode_doc_data kept in data, still encoded: equal
// exactly when the entries are. Throws DatabaseError.
std::string encoded_related(std::string_view data);

}  // namespace ns
