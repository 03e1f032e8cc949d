#include "searcher/search.h"

#include "common/errors.h"
#include "searcher/query_builder.h"

namespace ns {
namespace {

// Xapian's BM25 defaults but for b, raised towards the usual 0.75 so that a
// short title-only match is not drowned by a long excerpt.
constexpr double kBm25K1 = 1.0;
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25B = 0.75;
constexpr double kBm25MinNormLen = 0.5;

}  // namespace

SearchResult search(const Xapian::Database& db, const SearchRequest& request, Analyzer& analyzer) {
  SearchResult result;
  result.query = request.query;
  result.offset = request.offset;
  Xapian::Query query = build_query(request.query, analyzer);
  try {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(
        Xapian::BM25Weight(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormLen));
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    // check_at_least = every document: the total is exact, not an estimate.
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, db.get_doccount());
    result.total = mset.get_matches_estimated();
    Xapian::doccount rank = request.offset;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
      result.hits.push_back(
          Hit{++rank, it.get_weight(), decode_doc_data(it.get_document().get_data())});
    }
  } catch (const Xapian::Error& e) {
    throw DatabaseError("searching failed: " + e.get_msg());
  }
  return result;
}

}  // namespace ns
