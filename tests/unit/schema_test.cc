#include "common/schema.h"

#include <doctest/doctest.h>

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

std::string database_doc() { return source("docs/database.md"); }

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
  // tables, so neither the docs/database.md check nor the duplicate check saw them.
  const std::string header = source("common/schema.h");
  CHECK(count(header, "inline constexpr Prefix k") - 1 == std::size(ns::schema::kPrefixes));
  CHECK(count(header, "inline constexpr Slot k") - 1 == std::size(ns::schema::kSlots));
}

TEST_CASE("schema: docs/database.md's schema table lists every prefix and slot as schema.h does") {
  const std::string text = database_doc();
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
  for (const auto& row : rows) {
    CHECK(collapse_key(row.story) == std::string(row.bytes, 8));
    CHECK(ns::schema::story_id(std::string(row.bytes, 8)) == row.story);  // and back
  }
  CHECK(ns::schema::story_id("short") == "");
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
