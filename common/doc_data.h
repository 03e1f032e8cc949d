// The document data of an ns database: what the searcher shows for a hit,
// serialised compactly (MessagePack) by the indexer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

// Serialises a list of articles (display fields, no source), such as a
// file's related entries.
std::string encode_article_list(const std::vector<Article>& articles);

// Reads what encode_article_list wrote. Throws DatabaseError.
std::vector<Article> decode_article_list(std::string_view data);

}  // namespace ns
