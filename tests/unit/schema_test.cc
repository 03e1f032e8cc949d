#include "common/schema.h"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace {

std::string source(const char* path) {
  std::ifstream in(std::string(NS_SOURCE_DIR) + "/" + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string readme() { return source("README.md"); }

// How many times needle occurs in text.
size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("schema: no two fields share a prefix, no two values a slot") {
  std::set<std::string_view> prefixes;
  for (const auto& p : ns::schema::kPrefixes) {
    CAPTURE(p.field);
    CHECK(prefixes.insert(p.prefix).second);
  }
  std::set<Xapian::valueno> slots;
  for (const auto& s : ns::schema::kSlots) {
    CAPTURE(s.name);
    for (Xapian::valueno k = 0; k < s.count; ++k) CHECK(slots.insert(s.slot + k).second);
  }
}

TEST_CASE("schema: every Prefix and Slot declared in schema.h is in its table") {
  // Regression: Z, XG, XW and slot 16 were declared but left out of the
  // tables, so neither the README check nor the duplicate check saw them.
  const std::string header = source("common/schema.h");
  CHECK(count(header, "inline constexpr Prefix k") - 1 == std::size(ns::schema::kPrefixes));
  CHECK(count(header, "inline constexpr Slot k") - 1 == std::size(ns::schema::kSlots));
}

TEST_CASE("schema: README's schema table lists every prefix and slot as schema.h does") {
  const std::string text = readme();
  for (const auto& p : ns::schema::kPrefixes) {
    std::string row = p.prefix.empty() ? "| (none) | " : "| `" + std::string(p.prefix) + "` | ";
    row += p.field.empty() ? "(free text)" : std::string(p.field);
    row += " | ";
    CAPTURE(row);
    CHECK(text.find(row) != std::string::npos);
  }
  for (const auto& s : ns::schema::kSlots) {
    std::string slots = std::to_string(s.slot);
    if (s.count > 1) slots += "-" + std::to_string(s.slot + s.count - 1);
    std::string row = "| " + slots + " | " + std::string(s.name) + " | ";
    CAPTURE(row);
    CHECK(text.find(row) != std::string::npos);
  }
}

TEST_CASE("schema::key keeps long values unique and under Xapian's term limit") {
  const std::string a(300, 'a');
  std::string b = a;
  b.back() = 'b';
  CHECK(ns::schema::key("short") == "short");
  CHECK(ns::schema::key(a).size() < 245);
  CHECK(ns::schema::key(a) != ns::schema::key(b));
  CHECK(ns::schema::key(a).compare(0, 160, a, 0, 160) == 0);
  CHECK(ns::schema::hex_hash("") == "cbf29ce484222325");  // FNV-1a offset basis
}

TEST_CASE("collapse_key: 8 bytes, ordered as the story ids are") {
  using ns::schema::collapse_key;
  const struct {
    const char* story;
    const char* bytes;
  } rows[] = {
      {"0000000000000000", "\x00\x00\x00\x00\x00\x00\x00\x00"},
      {"cbf29ce484222325", "\xcb\xf2\x9c\xe4\x84\x22\x23\x25"},
      {"ffffffffffffffff", "\xff\xff\xff\xff\xff\xff\xff\xff"},
  };
  for (const auto& row : rows) CHECK(collapse_key(row.story) == std::string(row.bytes, 8));
  const char* ordered[] = {"0000000000000000", "00000000000000ff", "0100000000000000",
                           "7fffffffffffffff", "8000000000000000", "cbf29ce484222325"};
  for (std::size_t i = 1; i < std::size(ordered); ++i) {
    CHECK(collapse_key(ordered[i - 1]) < collapse_key(ordered[i]));
  }
}

TEST_CASE("quality_band: bands of 20 from 0") {
  using ns::schema::quality_band;
  CHECK(quality_band(0) == "0-19");
  CHECK(quality_band(19) == "0-19");
  CHECK(quality_band(20) == "20-39");
  CHECK(quality_band(213) == "200-219");
  CHECK(quality_band(-1) == "0-19");
}

TEST_CASE("quality_prior: saturating, half at the median, missing is neutral") {
  using ns::schema::quality_prior;
  CHECK(quality_prior(0) == 0.0);
  CHECK(quality_prior(65) == doctest::Approx(0.5));
  CHECK(quality_prior(std::nullopt) == quality_prior(65));
  CHECK(quality_prior(-1) == 0.0);
  CHECK(quality_prior(10) < quality_prior(39));
  CHECK(quality_prior(39) < quality_prior(87));
  CHECK(quality_prior(213) < ns::schema::kQualityWeight);
  // Saturating: the step from 100 to 200 is smaller than from 0 to 100.
  CHECK(quality_prior(200) - quality_prior(100) < quality_prior(100) - quality_prior(0));
}

TEST_CASE("prior_value: quality in 1/256 steps, the story head, a tie-break of the id") {
  using ns::schema::kTieRange;
  using ns::schema::prior_value;
  using ns::schema::quality_prior;
  struct Row {
    std::optional<int> quality;
    std::string_view kind;
    double head;
  };
  const Row rows[] = {{0, ns::schema::kKindRelated, 0.0},
                      {65, ns::schema::kKindFile, 1.0},
                      {std::nullopt, ns::schema::kKindRelated, 0.0},
                      {213, ns::schema::kKindFile, 1.0},
                      {39, ns::schema::kKindRelated, 0.0}};
  for (const Row& row : rows) {
    CAPTURE(row.quality.value_or(-1));
    const double value = prior_value(row.quality, row.kind, "/a/b.md");
    const double quality = value - row.head;
    CHECK(quality >= quality_prior(row.quality) - 1.0 / 512);
    CHECK(quality < quality_prior(row.quality) + 1.0 / 512 + kTieRange);
    // The tie-break is all that is left below the quality's step.
    const double tie = quality - std::floor(quality * 256) / 256;
    CHECK(tie >= 0);
    CHECK(tie < kTieRange);
    // Short when serialised: Xapian reads it for every match.
    CHECK(Xapian::sortable_serialise(value).size() <= 7);
  }
  // Deterministic, and different ids of equal quality and kind differ.
  CHECK(prior_value(50, "file", "/a/b.md") == prior_value(50, "file", "/a/b.md"));
  // Not where the collection lives: a path's folder and name.
  CHECK(prior_value(50, "file", "/home/me/ns/data/cjk/a.md") ==
        prior_value(50, "file", "/tmp/x/data/cjk/a.md"));
  CHECK(prior_value(50, "related", "/home/me/data/cjk/a.md#related-2") ==
        prior_value(50, "related", "/tmp/data/cjk/a.md#related-2"));
  CHECK(prior_value(50, "file", "/tmp/data/cjk/a.md") !=
        prior_value(50, "file", "/tmp/data/news/a.md"));
  std::set<double> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(prior_value(50, "file", "/a/" + std::to_string(i)));
  CHECK(seen.size() == 1000);
}
