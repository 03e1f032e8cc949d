// Facet counts: Xapian's own match spies on the schema's facet slots (which
// served shards run too), and the counts they give, listed in order.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "searcher/search.h"

namespace ns {

// The spies of one facet, one a value slot.
using FacetSpies = std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>>;

// Adds to enquire the spies that count the values of facets (schema::kFacets
// names); returns them in facets' order. They must outlive enquire's matches.
std::vector<FacetSpies> add_facet_spies(Xapian::Enquire& enquire, const Xapian::Database& db,
                                        const std::vector<std::string>& facets);

// The counts of facet name from its spies after a match: the
// request.facet_limit most frequent values (ties by value), listed in the
// facet's order or request.facet_sort's.
FacetCounts facet_counts(const std::string& name, const FacetSpies& spies,
                         const SearchRequest& request);

}  // namespace ns
