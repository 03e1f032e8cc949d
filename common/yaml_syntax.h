// Checks that front matter is YAML as the reference parser reads it
// (libyaml, behind PyYAML and Ruby's Psych), before yaml-cpp reads its
// values: yaml-cpp is lenient, and reads text YAML rejects as something its
// author did not write. Part of the front-matter reader; the only file that
// knows libyaml.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ns {

// Where YAML text goes wrong: the 1-based line in the file and column (in
// characters) of the fault, and what it is, as a person can act on it.
struct YamlFault {
  int line = 0;
  int column = 0;
  std::string what;
};

// The first fault of yaml (UTF-8) as a YAML 1.1 stream of one document:
// what libyaml's parser reports (an unterminated quote or bracket, bad
// indentation, a tab where YAML allows none, a missing ':'...), a second
// document, an alias to no anchor, or a mapping naming a key twice;
// nothing when it has none. Control characters, which YAML does not allow
// in text but real feeds hold (ns reads them: see clean_text), are no fault.
// first_line is the file line where yaml starts.
std::optional<YamlFault> yaml_fault(std::string_view yaml, int first_line);

}  // namespace ns
