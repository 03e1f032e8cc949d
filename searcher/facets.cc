#include "searcher/facets.h"

#include <algorithm>
#include <map>

#include "common/schema.h"

namespace ns {
namespace {

// Whether value a comes before b in a facet's own order: the numbers they
// start with compared as numbers ("20-39" before "100-119"), then as text.
bool before_in_order(const std::string& a, const std::string& b) {
  const std::size_t da = a.find_first_not_of("0123456789");
  const std::size_t db = b.find_first_not_of("0123456789");
  const std::size_t la = da == std::string::npos ? a.size() : da;
  const std::size_t lb = db == std::string::npos ? b.size() : db;
  if (la > 0 && lb > 0 && la != lb) return la < lb;  // fewer digits: a smaller number
  return a < b;
}

}  // namespace

FacetCounts facet_counts(const std::string& name, const FacetSpies& spies,
                         const SearchRequest& request) {
  std::map<std::string, Xapian::doccount> sum;
  for (const auto& spy : spies) {
    for (Xapian::TermIterator v = spy->values_begin(); v != spy->values_end(); ++v) {
      sum[*v] += v.get_termfreq();
    }
  }
  FacetCounts counts{name, request.facet_sort.value_or(schema::find_facet(name)->order), {},
                     sum.size(), static_cast<Xapian::doccount>(spies.front()->get_total())};
  for (const auto& [value, count] : sum) counts.values.push_back({value, count});
  std::stable_sort(counts.values.begin(), counts.values.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  if (counts.values.size() > request.facet_limit) counts.values.resize(request.facet_limit);
  if (counts.order == schema::FacetOrder::kByValue) {
    std::sort(counts.values.begin(), counts.values.end(),
              [](const FacetValue& a, const FacetValue& b) {
                return before_in_order(a.value, b.value);
              });
  }
  return counts;
}

std::vector<FacetSpies> add_facet_spies(Xapian::Enquire& enquire, const Xapian::Database& db,
                                        const std::vector<std::string>& facets) {
  // One spy a slot: Xapian's own, which remote shards run too.
  std::vector<FacetSpies> spies;
  for (const std::string& name : facets) {
    const schema::Slot& values = *schema::find_facet(name)->values;
    spies.emplace_back();
    for (Xapian::valueno k = 0; k < values.count; ++k) {
      // Values fill a field's slots in order (document_builder.cc), so past
      // the first slot no document uses, none does: they count nothing
      // (topics past the third, in the bench), and each look-up is a round
      // trip to a served shard. The first slot stays, to count the articles.
      if (k > 0 && db.get_value_freq(values.slot + k) == 0) break;
      spies.back().push_back(std::make_unique<Xapian::ValueCountMatchSpy>(values.slot + k));
      enquire.add_matchspy(spies.back().back().get());
    }
  }
  return spies;
}

}  // namespace ns
