// The document data of an ns database: what the searcher shows for a hit,
// serialised compactly (MessagePack) by the indexer.
#pragma once

#include <string>
#include <string_view>

#include "common/article.h"

namespace ns {

struct StoredArticle {
  Article article;     // display fields only: no images, related or HTML
  std::string source;  // file the article was read from
};

// Serialises the display fields of article and its source file.
std::string encode_doc_data(const Article& article, std::string_view source);

// Reads what encode_doc_data wrote. Throws DatabaseError when data is not
// such a record (a database written by something else).
StoredArticle decode_doc_data(std::string_view data);

}  // namespace ns
