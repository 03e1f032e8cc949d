#include "common/doc_data.h"

#include <nlohmann/json.hpp>

#include "common/errors.h"

namespace ns {
namespace {

// Short keys keep the record small; they are private to this file.
void put(nlohmann::json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

template <typename T>
void put(nlohmann::json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}

template <typename T>
void get(const nlohmann::json& j, const char* key, T& out) {
  if (auto it = j.find(key); it != j.end()) out = it->get<T>();
}

template <typename T>
void get(const nlohmann::json& j, const char* key, std::optional<T>& out) {
  if (auto it = j.find(key); it != j.end()) out = it->get<T>();
}

}  // namespace

std::string encode_doc_data(const Article& a, std::string_view source) {
  nlohmann::json j = nlohmann::json::object();
  put(j, "t", a.title);
  put(j, "e", a.excerpt);
  put(j, "d", a.published_at);
  put(j, "w", a.web_url);
  put(j, "o", a.original_url);
  put(j, "c", a.category);
  put(j, "y", a.type);
  put(j, "q", a.quality);
  put(j, "pn", a.provider.name);
  put(j, "pd", a.provider.domain);
  if (!a.topics.empty()) j["tp"] = a.topics;
  if (!a.tags.empty()) j["tg"] = a.tags;
  put(j, "s", std::string(source));
  std::vector<std::uint8_t> bytes = nlohmann::json::to_msgpack(j);
  return std::string(bytes.begin(), bytes.end());
}

StoredArticle decode_doc_data(std::string_view data) {
  StoredArticle out;
  try {
    nlohmann::json j = nlohmann::json::from_msgpack(data.begin(), data.end());
    Article& a = out.article;
    get(j, "t", a.title);
    get(j, "e", a.excerpt);
    get(j, "d", a.published_at);
    get(j, "w", a.web_url);
    get(j, "o", a.original_url);
    get(j, "c", a.category);
    get(j, "y", a.type);
    get(j, "q", a.quality);
    get(j, "pn", a.provider.name);
    get(j, "pd", a.provider.domain);
    get(j, "tp", a.topics);
    get(j, "tg", a.tags);
    get(j, "s", out.source);
  } catch (const nlohmann::json::exception& e) {
    throw DatabaseError(std::string("document data is not an ns record (") + e.what() +
                        "); rebuild the database with ns-index --rebuild");
  }
  return out;
}

}  // namespace ns
