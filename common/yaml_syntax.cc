#include "common/yaml_syntax.h"

#include <yaml.h>

#include <set>
#include <string>
#include <vector>

namespace ns {
namespace {

// yaml with every control character YAML forbids in text (C0 but tab and
// newlines, DEL, C1) replaced by a printable one of the same length in
// bytes and characters, so marks stay where they were.
std::string without_controls(std::string_view yaml) {
  std::string out(yaml);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      out[i] = 'x';
    } else if (c == 0xC2 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(out[i + 1]) <= 0x9F) {
      out[i] = '\xC3';  // U+0080..U+009F as U+00E9
      out[++i] = '\xA9';
    }
  }
  return out;
}

// Owns a libyaml parser over text.
class Parser {
 public:
  explicit Parser(const std::string& text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() { yaml_parser_delete(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  yaml_parser_t* get() { return &parser_; }

 private:
  yaml_parser_t parser_;
};

// One open collection: for a mapping, the scalar keys seen and whether the
// next node is a key.
struct Frame {
  bool mapping = false;
  bool at_key = true;
  std::set<std::string> keys;
};

std::string str(const yaml_char_t* text) {
  return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

// The fault libyaml's parser reports, in words a person can act on.
YamlFault parse_fault(const yaml_parser_t& p, const std::string& text, int first_line) {
  const bool at_end = p.problem_mark.index >= text.size();
  const std::string problem = str(reinterpret_cast<const yaml_char_t*>(p.problem));
  const std::string context = str(reinterpret_cast<const yaml_char_t*>(p.context));
  auto at = [&](const yaml_mark_t& m, std::string what) {
    return YamlFault{first_line + static_cast<int>(m.line), static_cast<int>(m.column) + 1,
                     "YAML: " + std::move(what)};
  };
  if (context.find("quoted scalar") != std::string::npos && at_end) {
    return at(p.context_mark,
              "a quoted value starts here and is not closed: add its closing quote");
  }
  if (!at_end && text[p.problem_mark.index] == '\t') {
    return at(p.problem_mark, "a tab, where YAML allows only spaces: indent with spaces");
  }
  const std::string from = "line " +
                           std::to_string(first_line + static_cast<int>(p.context_mark.line)) +
                           ", column " + std::to_string(p.context_mark.column + 1);
  if (problem == "did not find expected key" && context == "while parsing a block mapping") {
    return at(p.problem_mark, "this line does not go on with the mapping at " + from +
                                  ": check its indentation, and that it reads key: value");
  }
  if (problem == "did not find expected <document start>") {
    if (text.rfind('%', 0) == 0 || text.find("\n%") != std::string::npos) {
      return at(p.problem_mark,
                "a YAML directive (%YAML, %TAG) needs a \"---\" line after it, which would "
                "end the front matter: remove the directive");
    }
    return at(p.problem_mark,
              "text after the end of the YAML document (a \"...\" line): "
              "front matter is one mapping of fields");
  }
  if (problem == "could not find expected ':'") {
    return at(p.context_mark, "a key without its ':' (fields read key: value)");
  }
  if (problem == "mapping values are not allowed in this context") {
    return at(p.problem_mark, "a ':' where YAML allows none: quote a value that holds \": \"");
  }
  if (context.find("while parsing a flow") == 0 || context.find("while scanning a flow") == 0 ||
      problem.find("expected ',' or") != std::string::npos) {
    return at(p.context_mark, "a [ list ] or { mapping } here is not closed, or lacks a ','");
  }
  std::string what = problem;
  if (!context.empty()) {
    what += " (" + context + " from " + from + ")";
  }
  return at(p.problem_mark, what);
}

// The fault of one event beyond libyaml's parser: a second document, an
// alias to no anchor, a key named twice in a mapping.
std::optional<std::string> event_fault(const yaml_event_t& e, int& documents,
                                       std::set<std::string>& anchors, std::vector<Frame>& open) {
  auto anchor = [&](const yaml_char_t* name) {
    if (name) anchors.insert(str(name));
  };
  // A node in a mapping: a key, then its value.
  const bool key = !open.empty() && open.back().mapping && open.back().at_key;
  if (!open.empty() && open.back().mapping &&
      (e.type == YAML_SCALAR_EVENT || e.type == YAML_ALIAS_EVENT ||
       e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT)) {
    open.back().at_key = !open.back().at_key;
  }
  switch (e.type) {
    case YAML_DOCUMENT_START_EVENT:
      if (++documents > 1) return "a second YAML document: front matter is one mapping of fields";
      break;
    case YAML_ALIAS_EVENT:
      if (!anchors.count(str(e.data.alias.anchor))) {
        return "*" + str(e.data.alias.anchor) + " refers to no anchor (&" +
               str(e.data.alias.anchor) + ") before it";
      }
      break;
    case YAML_SCALAR_EVENT: {
      anchor(e.data.scalar.anchor);
      const std::string value(reinterpret_cast<const char*>(e.data.scalar.value),
                              e.data.scalar.length);
      if (key && !open.back().keys.insert(value).second) {
        return "\"" + value + "\" is named twice in one mapping: keep one";
      }
      break;
    }
    case YAML_SEQUENCE_START_EVENT:
      anchor(e.data.sequence_start.anchor);
      open.push_back({false, true, {}});
      break;
    case YAML_MAPPING_START_EVENT:
      anchor(e.data.mapping_start.anchor);
      open.push_back({true, true, {}});
      break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      open.pop_back();
      break;
    default:
      break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<YamlFault> yaml_fault(std::string_view yaml, int first_line) {
  const std::string text = without_controls(yaml);
  Parser parser(text);
  int documents = 0;
  std::set<std::string> anchors;
  std::vector<Frame> open;
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(parser.get(), &event))
      return parse_fault(*parser.get(), text, first_line);
    const yaml_mark_t mark = event.start_mark;
    const yaml_event_type_t type = event.type;
    std::optional<std::string> fault = event_fault(event, documents, anchors, open);
    yaml_event_delete(&event);
    if (fault) {
      return YamlFault{first_line + static_cast<int>(mark.line), static_cast<int>(mark.column) + 1,
                       "YAML: " + *fault};
    }
    if (type == YAML_STREAM_END_EVENT) return std::nullopt;
  }
}

}  // namespace ns
