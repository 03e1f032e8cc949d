#include "searcher/atom_formatter.h"

#include <algorithm>
#include <ostream>
#include <set>
#include <vector>

#include "common/datetime.h"
#include "common/schema.h"
#include "common/utf8.h"

namespace ns {
namespace {

// Allowed by XML 1.0's Char production (utf8::next already maps surrogates
// and invalid bytes to U+FFFD).
bool xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
}

// The updated time of a hit's entry: see AtomFormatter.
std::int64_t entry_time(const Hit& hit, std::int64_t fallback) {
  if (const auto& published = hit.stored.article.published_at) return *published;
  return hit.first_seen.value_or(fallback);
}

void element(std::ostream& out, const char* indent, const char* name, std::string_view text) {
  out << indent << '<' << name << '>' << xml_escaped(text) << "</" << name << ">\n";
}

// An entry's id: see AtomFormatter.
std::string entry_id(const Hit& hit) {
  const std::string url = hit.stored.article.url();
  return url.empty() ? "urn:ns-article:" + schema::hex_hash(hit.id) : url;
}

void write_entry(const Hit& hit, std::int64_t fallback, std::ostream& out) {
  const Article& a = hit.stored.article;
  const std::string url = a.url();
  out << "  <entry>\n";
  element(out, "    ", "id", entry_id(hit));
  out << "    <title type=\"text\">" << xml_escaped(a.title) << "</title>\n";
  element(out, "    ", "updated", format_iso8601(entry_time(hit, fallback)));
  if (!url.empty()) {
    out << "    <link rel=\"alternate\" href=\"" << xml_escaped(url) << "\"/>\n";
  }
  const std::string& author = !a.provider.name.empty() ? a.provider.name : a.provider.domain;
  out << "    <author>\n";
  element(out, "      ", "name", author.empty() ? "unknown" : author);
  out << "    </author>\n";
  for (const std::string& topic : a.topics) {
    out << "    <category term=\"" << xml_escaped(topic) << "\"/>\n";
  }
  if (!a.excerpt.empty()) {
    out << "    <summary type=\"text\">" << xml_escaped(a.excerpt) << "</summary>\n";
  }
  out << "  </entry>\n";
}

}  // namespace

std::string xml_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = utf8::next(text, pos);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: utf8::append(out, xml_char(c) ? c : 0xFFFD);
    }
  }
  return out;
}

void AtomFormatter::write(const SearchResult& result, std::ostream& out) {
  // Copies of one URL (--no-collapse, --expand) are one entry: the first.
  std::vector<const Hit*> entries;
  std::set<std::string> ids;
  auto add = [&](const Hit& hit) {
    if (ids.insert(entry_id(hit)).second) entries.push_back(&hit);
  };
  for (const Hit& hit : result.hits) {
    add(hit);
    if (expand_) {
      for (const Hit& folded : hit.folded) add(folded);
    }
  }
  std::int64_t updated = entries.empty() ? time_ : entry_time(*entries.front(), time_);
  for (const Hit* hit : entries) updated = std::max(updated, entry_time(*hit, time_));
  out << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  element(out, "  ", "id", id_);
  element(out, "  ", "title", "ns-search: " + result.query);
  element(out, "  ", "updated", format_iso8601(updated));
  out << "  <generator>ns-search</generator>\n";
  if (!self_.empty()) out << "  <link rel=\"self\" href=\"" << xml_escaped(self_) << "\"/>\n";
  for (const Hit* hit : entries) write_entry(*hit, time_, out);
  out << "</feed>\n";
}

}  // namespace ns
