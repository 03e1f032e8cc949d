#include "common/schema.h"

#include <algorithm>
#include <cmath>

#include <cstdio>

namespace ns::schema {
namespace {

constexpr std::size_t kMaxKeyBytes = 200;
constexpr std::size_t kKeptKeyBytes = 160;

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

std::string collapse_key(std::string_view story) {
  const std::uint64_t id = std::stoull(std::string(story), nullptr, 16);
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(id >> (56 - 8 * i));
  return out;
}

std::string story_id(std::string_view key) {
  if (key.size() != 8) return "";
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : key) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xf];
  }
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

const Prefix* find_filter(std::string_view name) {
  for (const Prefix& p : kPrefixes) {
    if (p.role == Role::kFilter && (p.use & kInQuery) && p.field == name) return &p;
  }
  return nullptr;
}

std::string quality_band(int quality) {
  const int low = std::max(0, quality) / 20 * 20;
  return std::to_string(low) + "-" + std::to_string(low + 19);
}

}  // namespace ns::schema
