// The search page's files (server/page/), embedded at build time by
// server/embed.cmake: nothing is read from disk or fetched at run time.
#pragma once

#include <cstddef>
#include <string_view>

namespace ns {

struct PageFile {
  std::string_view path;  // "/index.html"
  std::string_view type;  // its Content-Type
  std::string_view body;
};

extern const PageFile kPageFiles[];
extern const size_t kPageFileCount;

// The file served at path ("/" is /index.html); null when none is.
inline const PageFile* find_page_file(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (size_t i = 0; i < kPageFileCount; ++i) {
    if (kPageFiles[i].path == path) return &kPageFiles[i];
  }
  return nullptr;
}

}  // namespace ns
