// Event links: articles of different files that report one event (the
// same news from several outlets, a wire story and its "UPDATE 1-") join
// one cluster (indexer/cluster.h). Each article gets a sketch of its text
// (schema::kEventSketch) and MinHash band terms of its title words
// (schema::kEvent), one set for each of two overlapping time windows.
// Articles sharing a band term are candidates; two candidates are linked
// when same_event says so, from their sketches alone.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "common/analyzer.h"
#include "common/article.h"

namespace ns {

// Adds the event sketch and band terms of article to doc; none for an
// article without a date or without title words. Throws AnalyzerError.
void add_event_links(Xapian::Document& doc, const Article& article, Analyzer& analyzer);

// Whether two sketches (kEventSketch values) are of one event: published
// at most events::kMaxSeconds apart, their titles not one template with
// other words in front ("Acetone Market Size..." and "AI Chipsets Market
// Size..."), their titles' words (stems, stop words left out, a figure
// weighing two to four words) at least kTitleSimilarity alike (Jaccard), and
// the words of title and excerpt at least kWordSimilarity alike. False
// when either is not a sketch.
bool same_event(std::string_view a, std::string_view b);

namespace events {

inline constexpr double kTitleSimilarity = 0.65;
inline constexpr double kWordSimilarity = 0.15;
inline constexpr std::int64_t kMaxSeconds = 3 * 86400;
// The title word sets' MinHash: kBands bands of kRows values each.
inline constexpr int kBands = 8;
inline constexpr int kRows = 3;
// Sketches keep at most this many hashes of title words and of all words
// (the smallest: Jaccard is then estimated, exact below the cap).
inline constexpr std::size_t kMaxHashes = 128;

}  // namespace events
}  // namespace ns
