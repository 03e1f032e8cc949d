#include "common/article.h"

namespace ns {

const std::string& Article::url() const {
  for (const std::string* candidate : {&web_url, &original_url, &amp_web_url, &cdn_amp_web_url}) {
    if (!candidate->empty()) return *candidate;
  }
  return web_url;
}

}  // namespace ns
