#include "indexer/document_builder.h"

#include "common/doc_data.h"
#include "common/schema.h"

namespace ns {
namespace {

// Adds the words of text under the field's prefix and, unprefixed, to the
// free-text index; returns the last position used.
Xapian::termpos index_text(Xapian::Document& doc, Analyzer& analyzer, const std::string& text,
                           const schema::Prefix& field, Xapian::termcount wdf,
                           Xapian::termpos first_position) {
  Xapian::termpos last = first_position;
  for (const Token& token : analyzer.words(text)) {
    last = first_position + token.position;
    doc.add_posting(schema::term(field, token.term), last, 1);
    doc.add_posting(schema::term(schema::kAnyText, token.term), last, wdf);
  }
  return last;
}

}  // namespace

Xapian::Document build_document(const Article& article, const std::string& id,
                                const std::string& source, Analyzer& analyzer) {
  Xapian::Document doc;
  doc.add_boolean_term(schema::term(schema::kId, id));
  Xapian::termpos end =
      index_text(doc, analyzer, article.title, schema::kTitle, schema::kTitleWdf, 0);
  index_text(doc, analyzer, article.excerpt, schema::kExcerpt, schema::kExcerptWdf,
             end + schema::kFieldGap);
  if (article.published_at) {
    doc.add_value(schema::kDate.slot,
                  Xapian::sortable_serialise(static_cast<double>(*article.published_at)));
  }
  if (article.quality) {
    doc.add_value(schema::kQuality.slot, Xapian::sortable_serialise(*article.quality));
  }
  doc.set_data(encode_doc_data(article, source));
  return doc;
}

}  // namespace ns
