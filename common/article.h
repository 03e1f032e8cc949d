// The article model: one news article as read from a front-matter file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns {

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

  // The URL a reader should open: webUrl, else originalUrl, else the AMP URLs.
  const std::string& url() const;
};

}  // namespace ns
