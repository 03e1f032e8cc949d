#include "common/yaml_syntax.h"

#include <doctest/doctest.h>

#include <string>

namespace {

struct Row {
  const char* yaml;
  int line;    // 0: no fault
  int column;
  const char* says;  // part of the message
};

}  // namespace

TEST_CASE("yaml_fault: what libyaml refuses, where, and what ns adds") {
  const Row rows[] = {
      {"title: x\nexcerpt: y\n", 0, 0, ""},
      {"title: \"broken quote\nexcerpt: x\n", 1, 8, "not closed: add its closing quote"},
      {"title: 'single\n", 1, 8, "not closed"},
      {"title: x\nprovider:\n\tname: y\n", 3, 1, "a tab"},
      {"title: x\ntopics: [a, b\nexcerpt: y\n", 2, 9, "not closed, or lacks a ','"},
      {"title: x\nprovider: {name: y\n", 2, 11, "not closed"},
      {"title: \"x\"\n  excerpt: y\n", 2, 3,
       "does not go on with the mapping at line 1, column 1"},
      {"title: x\n  excerpt: y\n", 2, 10, "quote a value"},  // "x excerpt": one value
      {"title: x\nexcerpt\n", 2, 1, "a key without its ':'"},
      {"title: a: b\n", 1, 9, "quote a value that holds"},
      {"title: x\ntitle: y\n", 2, 1, "\"title\" is named twice"},
      {"related:\n  - title: a\n    title: b\n", 3, 5, "named twice"},
      {"related:\n  - title: a\n  - title: a\n", 0, 0, ""},  // two entries, one key each
      {"title: x\n...\ntitle: y\n", 3, 1, "text after the end of the YAML document"},
      {"title: *t\n", 1, 8, "refers to no anchor"},
      {"%YAML 1.1\ntitle: x\n", 2, 1, "a YAML directive"},
      {"a: &t x\ntitle: *t\n", 0, 0, ""},
      // Control characters YAML forbids in text are ns's to read.
      {"title: a\xc2\x97" "b\x01" "c\n", 0, 0, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.yaml);
    const std::optional<ns::YamlFault> fault = ns::yaml_fault(row.yaml, 1);
    if (row.line == 0) {
      CHECK_FALSE(fault.has_value());
      continue;
    }
    REQUIRE(fault.has_value());
    CHECK(fault->line == row.line);
    CHECK(fault->column == row.column);
    CHECK(fault->what.find(row.says) != std::string::npos);
    CHECK(fault->what.rfind("YAML: ", 0) == 0);
  }
  // Lines count from the block's first line in the file.
  CHECK(ns::yaml_fault("title: \"x\n", 5)->line == 5);
}
