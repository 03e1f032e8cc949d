#include "common/doc_data.h"

#include <nlohmann/json.hpp>

#include "common/errors.h"

namespace ns {
namespace {

using nlohmann::json;

// Short keys keep the record small; they are private to this file.
void put(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

template <typename T>
void put(json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}

void put(json& j, const char* key, const std::vector<std::string>& value) {
  if (!value.empty()) j[key] = value;
}

template <typename T>
void get(const json& j, const char* key, T& out) {
  if (auto it = j.find(key); it != j.end()) out = it->get<T>();
}

template <typename T>
void get(const json& j, const char* key, std::optional<T>& out) {
  if (auto it = j.find(key); it != j.end()) out = it->get<T>();
}

// The one field list, walked by both directions: put to write, get to read.
// Of the URLs, only the one shown (Article::url) is kept, as the web URL.
template <typename J, typename A, typename F>
void fields(J& j, A& a, F&& each) {
  each(j, "t", a.title);
  each(j, "e", a.excerpt);
  each(j, "d", a.published_at);
  each(j, "c", a.category);
  each(j, "y", a.type);
  each(j, "q", a.quality);
  each(j, "pn", a.provider.name);
  each(j, "pd", a.provider.domain);
  each(j, "tp", a.topics);
  each(j, "tg", a.tags);
}

constexpr const char* kUrlKey = "w";

json to_json(const Article& a) {
  json j = json::object();
  fields(j, a, [](json& out, const char* key, const auto& value) { put(out, key, value); });
  put(j, kUrlKey, a.url());
  return j;
}

Article from_json(const json& j) {
  Article a;
  fields(j, a, [](const json& in, const char* key, auto& value) { get(in, key, value); });
  get(j, kUrlKey, a.web_url);
  return a;
}

std::string to_bytes(const json& j) {
  std::vector<std::uint8_t> bytes = json::to_msgpack(j);
  return std::string(bytes.begin(), bytes.end());
}

[[noreturn]] void not_a_record(const json::exception& e) {
  throw DatabaseError(std::string("document data is not an ns record (") + e.what() +
                      "); rebuild the database with ns-index --rebuild");
}

json from_bytes(std::string_view data) {
  try {
    return json::from_msgpack(data.begin(), data.end());
  } catch (const json::exception& e) {
    not_a_record(e);
  }
}

// The related entries, as MessagePack bytes kept whole in the record ("r"):
// a reader that does not want them copies them without parsing.
json::binary_t encode_related(const std::vector<Article>& related) {
  json list = json::array();
  for (const Article& a : related) list.push_back(to_json(a));
  return json::binary_t(json::to_msgpack(list));
}

std::vector<Article> decode_related(const json::binary_t& bytes) {
  const json list = json::from_msgpack(bytes.begin(), bytes.end());
  std::vector<Article> out;
  for (const json& j : list) out.push_back(from_json(j));
  return out;
}

}  // namespace

std::string encode_doc_data(const Article& article, std::string_view source, bool with_related) {
  json j = to_json(article);
  put(j, "s", std::string(source));
  if (with_related && !article.related.empty()) j["r"] = encode_related(article.related);
  return to_bytes(j);
}

StoredArticle decode_doc_data(std::string_view data, bool with_related) {
  json j = from_bytes(data);
  try {
    StoredArticle out{from_json(j), {}};
    get(j, "s", out.source);
    if (auto r = j.find("r"); with_related && r != j.end()) {
      out.article.related = decode_related(r->get_binary());
    }
    return out;
  } catch (const json::exception& e) {
    not_a_record(e);
  }
}

std::string encoded_related(std::string_view data) {
  json j = from_bytes(data);
  try {
    auto r = j.find("r");
    if (r == j.end()) return std::string();
    const json::binary_t& bytes = r->get_binary();
    return std::string(bytes.begin(), bytes.end());
  } catch (const json::exception& e) {
    not_a_record(e);
  }
}

}  // namespace ns
