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
template <typename J, typename A, typename F>
void fields(J& j, A& a, F&& each) {
  each(j, "t", a.title);
  each(j, "e", a.excerpt);
  each(j, "d", a.published_at);
  each(j, "w", a.web_url);
  each(j, "o", a.original_url);
  each(j, "a", a.amp_web_url);
  each(j, "c", a.category);
  each(j, "y", a.type);
  each(j, "q", a.quality);
  each(j, "pn", a.provider.name);
  each(j, "pd", a.provider.domain);
  each(j, "tp", a.topics);
  each(j, "tg", a.tags);
}

json to_json(const Article& a) {
  json j = json::object();
  fields(j, a, [](json& out, const char* key, const auto& value) { put(out, key, value); });
  return j;
}

Article from_json(const json& j) {
  Article a;
  fields(j, a, [](const json& in, const char* key, auto& value) { get(in, key, value); });
  return a;
}

std::string to_bytes(const json& j) {
  std::vector<std::uint8_t> bytes = json::to_msgpack(j);
  return std::string(bytes.begin(), bytes.end());
}

json from_bytes(std::string_view data) {
  try {
    return json::from_msgpack(data.begin(), data.end());
  } catch (const json::exception& e) {
    throw DatabaseError(std::string("document data is not an ns record (") + e.what() +
                        "); rebuild the database with ns-index --rebuild");
  }
}

}  // namespace

std::string encode_doc_data(const Article& article, std::string_view source) {
  json j = to_json(article);
  put(j, "s", std::string(source));
  return to_bytes(j);
}

StoredArticle decode_doc_data(std::string_view data) {
  json j = from_bytes(data);
  try {
    StoredArticle out{from_json(j), {}};
    get(j, "s", out.source);
    return out;
  } catch (const json::exception& e) {
    throw DatabaseError(std::string("document data is not an ns record (") + e.what() +
                        "); rebuild the database with ns-index --rebuild");
  }
}

std::string encode_article_list(const std::vector<Article>& articles) {
  json list = json::array();
  for (const Article& a : articles) list.push_back(to_json(a));
  return to_bytes(list);
}

std::vector<Article> decode_article_list(std::string_view data) {
  json list = from_bytes(data);
  std::vector<Article> out;
  try {
    for (const json& j : list) out.push_back(from_json(j));
  } catch (const json::exception& e) {
    throw DatabaseError(std::string("related entries are not an ns record (") + e.what() +
                        "); rebuild the database with ns-index --rebuild");
  }
  return out;
}

}  // namespace ns
