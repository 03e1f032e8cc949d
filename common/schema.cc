#include "common/schema.h"

#include <algorithm>
#include <cmath>

#include <cstdio>

namespace ns::schema {
namespace {

constexpr std::size_t kMaxKeyBytes = 200;
constexpr std::size_t kKeptKeyBytes = 160;

// The tie-break's steps: 2^-32, far above a double's rounding at any score.
constexpr double kTieStep = 1.0 / 4294967296.0;

// What the tie-break hashes: a URL whole; of a path (or path#related-N),
// its folder and name, so the order does not depend on where the
// collection lives. A path starts with '/', so each rfind finds one.
std::string_view tie_key(std::string_view id) {
  if (id.empty() || id.front() != '/') return id;
  const std::size_t before_name = id.rfind('/', std::min(id.find('#'), id.size()) - 1);
  return id.substr((before_name == 0 ? 0 : id.rfind('/', before_name - 1)) + 1);
}

}  // namespace

std::uint64_t hash64(std::string_view value) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : value) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string hex_hash(std::string_view value) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash64(value)));
  return buf;
}

double prior_value(std::optional<int> quality, std::string_view kind, std::string_view id) {
  constexpr auto kTieSteps = static_cast<std::uint64_t>(kTieRange / kTieStep);  // 2^20
  const double tie = static_cast<double>(hash64(tie_key(id)) % kTieSteps) * kTieStep;
  return std::round(quality_prior(quality) * 256) / 256 + story_head_prior(kind) + tie;
}

std::string collapse_key(std::string_view story) {
  const std::uint64_t id = std::stoull(std::string(story), nullptr, 16);
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(id >> (56 - 8 * i));
  return out;
}

std::string key(std::string_view value) {
  if (value.size() <= kMaxKeyBytes) return std::string(value);
  return std::string(value.substr(0, kKeptKeyBytes)) + "#" + hex_hash(value);
}

std::string term(const Prefix& p, std::string_view value) {
  std::string t(p.prefix);
  t += key(value);
  return t;
}

const Facet* find_facet(std::string_view name) {
  for (const Facet& f : kFacets) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string quality_band(int quality) {
  const int low = std::max(0, quality) / 20 * 20;
  return std::to_string(low) + "-" + std::to_string(low + 19);
}

}  // namespace ns::schema
