// Fuzz target: the front-matter reader on any bytes, then the documents
// built from what it accepts. A bad file must give InputError, nothing
// else; an article read must survive the document data's round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/analyzer.h"
#include "common/doc_data.h"
#include "common/errors.h"
#include "common/front_matter.h"
#include "indexer/document_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ns::Analyzer analyzer;
  const std::string_view contents(reinterpret_cast<const char*>(data), size);
  ns::Article article;
  try {
    article = ns::parse_article(contents, "fuzz.md");
  } catch (const ns::InputError&) {
    return 0;  // refused with a message: what a bad file should get
  }
  ns::FileInfo file{"/fuzz.md", "fuzz.md", size, 0};
  ns::build_file_document(article, file, analyzer);
  for (const ns::Article& entry : article.related) {
    ns::build_related_document(entry, entry.url().empty() ? "/fuzz.md#related" : entry.url(),
                               file.path, analyzer);
  }
  const ns::StoredArticle back = ns::decode_doc_data(ns::encode_doc_data(article, file.path));
  if (back.article.title != article.title || back.article.excerpt != article.excerpt ||
      back.source != file.path) {
    std::abort();  // what is stored is not what was read
  }
  return 0;
}
