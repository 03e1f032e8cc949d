#include "indexer/ignore.h"

#include <fnmatch.h>

namespace ns {
namespace {

// s cut at each '/', empty parts dropped ("a//b" is "a/b").
std::vector<std::string> split_path(std::string_view s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('/', start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) parts.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// One part of a pattern against one name: fnmatch(3) within a name, where
// no '/' occurs; "*" matches a leading '.' as in git.
bool part_matches(const std::string& pattern, const std::string& name) {
  return ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

// Whether pattern[p..] matches names[n..]. A "**" part matches any number
// of names: none or more within the pattern, one or more at its end ("a/**"
// is what lies below a, not a itself). Recursion depth is the number of
// pattern parts.
bool parts_match(const std::vector<std::string>& pattern, std::size_t p,
                 const std::vector<std::string>& names, std::size_t n) {
  if (p == pattern.size()) return n == names.size();
  if (pattern[p] == "**") {
    if (p + 1 == pattern.size()) return n < names.size();
    for (std::size_t k = n; k <= names.size(); ++k) {
      if (parts_match(pattern, p + 1, names, k)) return true;
    }
    return false;
  }
  return n < names.size() && part_matches(pattern[p], names[n]) &&
         parts_match(pattern, p + 1, names, n + 1);
}

// line without its trailing spaces, but for one escaped by a backslash.
std::string_view trim_end(std::string_view line) {
  while (!line.empty() && line.back() == ' ') {
    std::size_t backslashes = 0;
    for (std::size_t i = line.size() - 1; i > 0 && line[i - 1] == '\\'; --i) ++backslashes;
    if (backslashes % 2 == 1) break;
    line.remove_suffix(1);
  }
  return line;
}

}  // namespace

void IgnoreRules::add(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  line = trim_end(line);
  if (line.empty() || line[0] == '#') return;
  Rule rule;
  if (line[0] == '!') {
    rule.negated = true;
    line.remove_prefix(1);
  }
  if (!line.empty() && line.back() == '/') {
    rule.folders_only = true;
    line.remove_suffix(1);
  }
  rule.anchored = line.find('/') != std::string_view::npos;
  rule.parts = split_path(line);
  if (rule.parts.empty()) return;  // "/", "!": nothing to match
  rules_.push_back(std::move(rule));
}

void IgnoreRules::add_lines(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    add(text.substr(start, end - start));
    start = end + 1;
  }
}

bool IgnoreRules::matches(const Rule& rule, std::string_view path, bool folder) {
  if (rule.folders_only && !folder) return false;
  if (!rule.anchored) {
    const std::size_t slash = path.rfind('/');
    const std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
    return part_matches(rule.parts[0], name);
  }
  return parts_match(rule.parts, 0, split_path(path), 0);
}

bool IgnoreRules::ignored(std::string_view path, bool folder) const {
  for (auto rule = rules_.rbegin(); rule != rules_.rend(); ++rule) {
    if (matches(*rule, path, folder)) return !rule->negated;
  }
  return false;
}

}  // namespace ns
