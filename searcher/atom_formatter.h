// --format atom: the hits as an Atom 1.0 feed (RFC 4287), so any search can
// be subscribed to in a feed reader.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "searcher/formatter.h"

namespace ns {

// text as XML character data or attribute value: &, <, > and " escaped;
// characters XML 1.0 does not allow (C0 controls but tab, LF and CR;
// U+FFFE, U+FFFF) and invalid UTF-8 replaced by U+FFFD.
std::string xml_escaped(std::string_view text);

// One feed: id options.feed_id, title "ns-search: QUERY", updated the
// newest entry's (a feed without entries: options.feed_time), a self link
// when options.feed_self is set. An entry a hit, in rank order (folded
// articles too with --expand; of several with one URL the first): id its URL (urn:ns-article: and its id's hash
// when it has none), title, summary its excerpt, updated its published
// date (else when it was first seen; else the feed's time), link its URL,
// author its provider's name (else domain, else "unknown"), a category for
// each topic.
class AtomFormatter : public Formatter {
 public:
  explicit AtomFormatter(const OutputOptions& options)
      : id_(options.feed_id), self_(options.feed_self), time_(options.feed_time),
        expand_(options.expand) {}
  void write(const SearchResult& result, std::ostream& out) override;

 private:
  std::string id_;
  std::string self_;
  std::int64_t time_;
  bool expand_;
};

}  // namespace ns
