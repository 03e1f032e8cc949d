// The article model: one news article as read from a front-matter file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/errors.h"

namespace ns {

// The one range of dates and qualities ns stores, so that facets (years
// and months of four digits, quality bands), filters and sorts read every
// stored value alike; the reader refuses a value outside it, naming the
// field and its line. Dates: years 1000 to 9999 in UTC.
inline constexpr std::int64_t kEarliestDate = -30610224000;  // 1000-01-01T00:00:00Z
inline constexpr std::int64_t kLatestDate = 253402300799;    // 9999-12-31T23:59:59Z
inline constexpr int kMinQuality = 0;
inline constexpr int kMaxQuality = 1000000;

struct Image {
  std::string url;
  std::optional<int> width;
  std::optional<int> height;
};

struct Provider {
  std::string name;
  std::string domain;
};

// All text is UTF-8 with HTML entities decoded. Times are seconds since the
// Unix epoch, UTC. Fields missing from the file stay empty / nullopt: a
// missing quality is not 0.
struct Article {
  std::string title;
  std::string excerpt;
  std::optional<std::int64_t> published_at;
  std::string web_url;
  std::string original_url;
  std::string amp_web_url;
  std::string cdn_amp_web_url;
  std::string category;
  std::string type;
  std::optional<int> quality;
  std::optional<int> heat;
  std::optional<bool> published;
  Provider provider;
  std::vector<std::string> topics;
  std::vector<std::string> tags;
  std::vector<Image> images;
  std::string featured_content;
  std::vector<Article> related;
  // Related entries the reader left out (no title), each as the error to
  // report: file, line and column of the entry.
  std::vector<InputError> left_out;
  // Bytes of title and excerpt text the reader cut (see
  // kMaxTextBytesPerFile), on a file's own article.
  std::size_t cut_bytes = 0;

  // The URL a reader should open: webUrl, else originalUrl, else the AMP URLs.
  const std::string& url() const;
};

}  // namespace ns
