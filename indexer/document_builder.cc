#include "indexer/document_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/datetime.h"
#include "common/doc_data.h"
#include "common/ranking.h"
#include "common/schema.h"
#include "indexer/events.h"
#include "indexer/file_state.h"

namespace ns {
namespace {

// Where the next field's words and characters start.
struct Positions {
  Xapian::termpos words = 0;
  Xapian::termpos characters = 0;
};

// The weighted occurrences of a document's text terms, and the length of
// each script's text: Latin (and other alphabets, digits) apart from CJK.
struct TextCounts {
  std::map<std::string, std::pair<double, bool>> terms;  // term: occurrences, cjk
  double length[2] = {0, 0};                             // [cjk]: weighted words

  void add(const std::string& term, double weight, bool cjk) {
    auto& [count, in_cjk] = terms[term];
    count += weight;
    in_cjk = cjk;
  }
};

// Adds the positions of text's terms to doc (their wdf comes later, from
// counts, see add_weighted_terms), and counts them, weighted wdf: words in
// the free-text index, with the other kinds, and the field's own: a term
// for each word under the title's prefix, or for the excerpt its mark
// (schema::kExcerpt), before its first word. Returns where the next field
// starts.
Positions index_text(Xapian::Document& doc, TextCounts& counts, Analyzer& analyzer,
                     const std::string& text, const schema::Prefix& field,
                     Xapian::termcount wdf, Positions base) {
  const bool marked = &field == &schema::kExcerpt;
  Xapian::termcount words = 0;
  Positions end = base;
  for (const Term& t : analyzer.index_terms(text)) {
    switch (t.kind) {
      case TermKind::kWord:
        ++words;
        counts.length[t.cjk] += wdf;
        [[fallthrough]];
      case TermKind::kJoined:
        if (!marked) counts.add(schema::term(field, t.text), 1, t.cjk);  // no positions
        counts.add(schema::term(schema::kAnyText, t.text), wdf, t.cjk);
        doc.add_posting(schema::term(schema::kAnyText, t.text), base.words + t.position, 0);
        end.words = std::max(end.words, base.words + t.position);
        break;
      case TermKind::kStem:
        counts.add(schema::term(schema::kStem, t.text), wdf, false);
        break;
      case TermKind::kUnigram:
        counts.add(schema::term(schema::kNgram, t.text), wdf, true);
        break;
      case TermKind::kBigram:
        counts.add(schema::term(schema::kNgram, t.text), wdf, true);
        doc.add_posting(schema::term(schema::kNgram, t.text), base.characters + t.position, 0);
        end.characters = std::max(end.characters, base.characters + t.position + 1);
        break;
    }
  }
  if (marked && words > 0) doc.add_posting(schema::term(field, ""), base.words, 1);
  end.words += schema::kFieldGap;
  end.characters += schema::kFieldGap;
  return end;
}

// Gives each counted term its wdf: its occurrences normalised by the
// length of its script's text (ranking::normalised_wdf), so CJK text in an
// English article changes nothing of its English words' weights, and the
// other way round.
void add_weighted_terms(Xapian::Document& doc, const TextCounts& counts) {
  for (const auto& [term, count] : counts.terms) {
    const auto& [occurrences, cjk] = count;
    doc.add_term(term, ranking::normalised_wdf(occurrences, counts.length[cjk], cjk));
  }
}

// A filter term and, when given, its value slot; empty values add nothing.
void add_filter(Xapian::Document& doc, const schema::Prefix& prefix, const std::string& term,
                const schema::Slot* slot = nullptr, const std::string& shown = {}) {
  if (term.empty()) return;
  doc.add_boolean_term(schema::term(prefix, term));
  if (slot) doc.add_value(slot->slot, shown.empty() ? term : shown);
}

// A filter term for each value, and each value as shown in its own slot of
// values (the first of those equal once normalised, up to values.count).
void add_values(Xapian::Document& doc, const schema::Prefix& prefix, const schema::Slot& values,
                const std::vector<std::string>& shown, Analyzer& analyzer) {
  std::set<std::string> seen;
  Xapian::valueno slot = values.slot;
  for (const std::string& value : shown) {
    const std::string term = analyzer.normalize(value);
    if (term.empty() || !seen.insert(term).second) continue;
    doc.add_boolean_term(schema::term(prefix, term));
    if (slot < values.slot + values.count) doc.add_value(slot++, value);
  }
}

void add_filters(Xapian::Document& doc, const Article& a, Analyzer& analyzer) {
  add_filter(doc, schema::kProvider, analyzer.normalize(a.provider.name), &schema::kProviderValue,
             a.provider.name);
  add_filter(doc, schema::kSite, analyzer.normalize(a.provider.domain), &schema::kSiteValue);
  add_filter(doc, schema::kCategory, analyzer.normalize(a.category), &schema::kCategoryValue,
             a.category);
  add_filter(doc, schema::kType, analyzer.normalize(a.type), &schema::kTypeValue, a.type);
  add_values(doc, schema::kTopic, schema::kTopicValues, a.topics, analyzer);
  add_values(doc, schema::kTag, schema::kTagValues, a.tags, analyzer);
  add_filter(doc, schema::kLang, analyzer.language(a.title + " " + a.excerpt), &schema::kLangValue);
  if (a.published_at) {
    const std::string date = format_date(*a.published_at);  // YYYY-MM-DD
    add_filter(doc, schema::kYear, date.substr(0, 4), &schema::kYearValue);
    add_filter(doc, schema::kMonth, date.substr(0, 4) + date.substr(5, 2), &schema::kMonthValue,
               date.substr(0, 7));
    doc.add_value(schema::kDayValue.slot, date);
  }
}

// The story id of the file at path (16 hex digits).
std::string story_of(const std::string& path) { return schema::hex_hash(path); }

}  // namespace

Xapian::Document build_document(const Article& article, const DocumentContext& context,
                                Analyzer& analyzer) {
  Xapian::Document doc;
  doc.add_boolean_term(schema::term(schema::kId, context.id));
  add_filter(doc, schema::kKind, std::string(context.kind), &schema::kKindValue);
  if (context.detail == Detail::kFull) {
    TextCounts counts;
    const Positions after_title = index_text(doc, counts, analyzer, article.title, schema::kTitle,
                                             schema::kTitleWdf, Positions{});
    const Positions excerpt{std::max(after_title.words, schema::kExcerptStart),
                            std::max(after_title.characters, schema::kExcerptStart)};
    index_text(doc, counts, analyzer, article.excerpt, schema::kExcerpt, schema::kExcerptWdf,
               excerpt);
    add_weighted_terms(doc, counts);
    add_filters(doc, article, analyzer);
  }
  add_filter(doc, schema::kStory, context.story, &schema::kStoryKey);
  doc.add_value(schema::kSortKey.slot, context.id);
  const std::string title_key = schema::hex_hash(analyzer.words_key(article.title));
  doc.add_term(schema::term(schema::kWholeTitle, title_key), 1);
  if (!article.url().empty()) {
    doc.add_boolean_term(schema::term(schema::kDupUrl, schema::hex_hash(article.url())));
  }
  add_event_links(doc, article, analyzer);
  // Its own story until the indexer links it to others (indexer/cluster.h).
  doc.add_value(schema::kClusterKey.slot, schema::collapse_key(context.story));
  if (article.published_at) {
    doc.add_value(schema::kDate.slot,
                  Xapian::sortable_serialise(static_cast<double>(*article.published_at)));
  }
  if (article.quality) {
    doc.add_value(schema::kQuality.slot, Xapian::sortable_serialise(*article.quality));
    doc.add_value(schema::kQualityBand.slot, schema::quality_band(*article.quality));
  }
  // Both priors and the tie-break in one value, read by one
  // ValueWeightPostingSource.
  doc.add_value(schema::kPrior.slot, Xapian::sortable_serialise(ranking::prior_value(
                                         article.quality, context.kind, context.id)));
  doc.set_data(encode_doc_data(article, context.source, context.with_related));
  return doc;
}

Xapian::Document build_related_document(const Article& entry, const std::string& id,
                                        const std::string& path, Analyzer& analyzer,
                                        Detail detail) {
  return build_document(
      entry, DocumentContext{id, path, story_of(path), schema::kKindRelated, detail}, analyzer);
}

Xapian::Document build_file_document(const Article& article, const FileInfo& file,
                                     Analyzer& analyzer, Detail detail) {
  Xapian::Document doc = build_document(
      article,
      DocumentContext{file.path, file.path, story_of(file.path), schema::kKindFile, detail,
                      /*with_related=*/true},
      analyzer);
  doc.add_value(schema::kFileStamp.slot, encode_stamp(file));
  if (!article.url().empty()) doc.add_boolean_term(schema::term(schema::kOwnUrl, article.url()));
  if (!article.related.empty()) {
    for (const Article& entry : article.related) {
      if (!entry.url().empty()) doc.add_boolean_term(schema::term(schema::kRefUrl, entry.url()));
    }
  }
  return doc;
}

}  // namespace ns
