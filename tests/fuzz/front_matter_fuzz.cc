// Fuzz target: the front-matter reader on any bytes, then the documents
// built from what it accepts. A bad file must give InputError, nothing
// else; an article read must survive the document data's round trip; and
// what it accepts, libyaml (the reference parser) must read too, with the
// same top-level text fields (docs/indexing.md, "YAML as YAML says"), control
// characters aside.
#include <yaml.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "common/analyzer.h"
#include "common/clean_text.h"
#include "common/doc_data.h"
#include "common/errors.h"
#include "common/front_matter.h"
#include "indexer/document_builder.h"

namespace {

// Whether yaml holds a control character YAML forbids (ns reads them).
bool has_controls(std::string_view yaml) {
  for (std::size_t i = 0; i < yaml.size(); ++i) {
    const auto c = static_cast<unsigned char>(yaml[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < yaml.size() && static_cast<unsigned char>(yaml[i + 1]) <= 0x9F) {
      return true;
    }
  }
  return false;
}

// libyaml's reading of the top-level scalar fields of yaml; false when it
// refuses the text.
bool reference_fields(const std::string& yaml, std::map<std::string, std::string>& fields) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(yaml.data()),
                               yaml.size());
  int depth = 0;
  bool at_key = true, ok = true;
  std::string key;
  for (bool done = false; !done;) {
    yaml_event_t e;
    if (!yaml_parser_parse(&parser, &e)) {
      ok = false;
      break;
    }
    done = e.type == YAML_STREAM_END_EVENT;
    const bool top = depth == 1;
    if (e.type == YAML_MAPPING_START_EVENT || e.type == YAML_SEQUENCE_START_EVENT) ++depth;
    if (e.type == YAML_MAPPING_END_EVENT || e.type == YAML_SEQUENCE_END_EVENT) --depth;
    if (top && e.type != YAML_MAPPING_END_EVENT && e.type != YAML_SEQUENCE_END_EVENT) {
      if (!at_key && e.type == YAML_SCALAR_EVENT) {
        std::string value(reinterpret_cast<const char*>(e.data.scalar.value),
                          e.data.scalar.length);
        const bool plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (plain && (value == "~" || value == "null" || value == "Null" || value == "NULL")) {
          value.clear();  // no value
        }
        fields[key] = value;
      }
      if (at_key && e.type == YAML_SCALAR_EVENT) {
        key.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
      }
      at_key = !at_key;
    }
    yaml_event_delete(&e);
  }
  yaml_parser_delete(&parser);
  return ok;
}

// Aborts when ns accepted what libyaml refuses or reads other text fields.
void check_against_reference(std::string_view contents, const ns::Article& article) {
  int first_line = 0;
  const std::string yaml = ns::front_matter_yaml(contents, "fuzz.md", first_line);
  if (has_controls(yaml)) return;  // ns reads them; libyaml refuses them
  std::map<std::string, std::string> fields;
  if (!reference_fields(yaml, fields)) std::abort();  // accepted what YAML refuses
  for (const auto& [key, value] : {std::pair{"title", &article.title},
                                   std::pair{"excerpt", &article.excerpt},
                                   std::pair{"category", &article.category}}) {
    if (auto it = fields.find(key); it != fields.end() && ns::clean_text(it->second) != *value) {
      std::abort();  // read other text than YAML says
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ns::Analyzer analyzer;
  const std::string_view contents(reinterpret_cast<const char*>(data), size);
  ns::Article article;
  try {
    article = ns::parse_article(contents, "fuzz.md");
  } catch (const ns::InputError&) {
    return 0;  // refused with a message: what a bad file should get
  }
  check_against_reference(contents, article);
  ns::FileInfo file{"/fuzz.md", "fuzz.md", size, 0};
  ns::build_file_document(article, file, analyzer);
  for (const ns::Article& entry : article.related) {
    ns::build_related_document(entry, entry.url().empty() ? "/fuzz.md#related" : entry.url(),
                               file.path, analyzer);
  }
  const ns::StoredArticle back = ns::decode_doc_data(ns::encode_doc_data(article, file.path));
  if (back.article.title != article.title || back.article.excerpt != article.excerpt ||
      back.source != file.path) {
    std::abort();  // what is stored is not what was read
  }
  return 0;
}
