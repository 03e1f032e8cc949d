#include "common/ranking.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace ns::ranking {
namespace {

// The tie-break's steps: 2^-32, far above a double's rounding at any score.
constexpr double kTieStep = 1.0 / 4294967296.0;
// Their sub-steps: 2^-42, still above a double's rounding at scores up to
// 32 (2^-48).
constexpr double kTieSubStep = kTieStep / 1024;

// What the tie-break hashes: a URL whole; of a path (or path#related-N),
// its folder and name, so the order does not depend on where the
// collection lives. A path starts with '/', so each rfind finds one.
std::string_view tie_key(std::string_view id) {
  if (id.empty() || id.front() != '/') return id;
  const std::size_t before_name = id.rfind('/', std::min(id.find('#'), id.size()) - 1);
  return id.substr((before_name == 0 ? 0 : id.rfind('/', before_name - 1)) + 1);
}

}  // namespace

Xapian::termcount normalised_wdf(double occurrences, double length, bool cjk) {
  const double norm = (1 - kBm25B) + kBm25B * length / kAverageLength[cjk];
  return static_cast<Xapian::termcount>(
      std::max(1.0, std::round(kWdfScale * occurrences / std::max(norm, 0.5))));
}

Xapian::BM25Weight bm25_weight() {
  // k2 = 0 and k3 = 1 as Xapian's defaults; min_normlen has no use at b = 0.
  return Xapian::BM25Weight(kBm25K1 * kWdfScale, 0, 1, 0, 0.5);
}

double prior_value(std::optional<int> quality, std::string_view kind, std::string_view id) {
  constexpr auto kTieSteps = static_cast<std::uint64_t>(kTieRange / kTieStep);  // 2^20
  // Within a step, the whole id orders the ids whose folder and name hash
  // alike (a file copied into two folders, one/news/seeds/ and
  // two/news/seeds/): a tie the order documents were added in settled.
  constexpr auto kSubSteps = static_cast<std::uint64_t>(kTieStep / kTieSubStep);  // 2^10
  const double tie = static_cast<double>(schema::hash64(tie_key(id)) % kTieSteps) * kTieStep +
                     static_cast<double>(schema::hash64(id) % kSubSteps) * kTieSubStep;
  return std::round(quality_prior(quality) * 256) / 256 + story_head_prior(kind) + tie;
}

}  // namespace ns::ranking
