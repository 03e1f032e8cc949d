// Exclusion rules in gitignore's syntax: the lines of a collection's
// .nsignore file and of --exclude (docs/indexing.md: Roots and ignore files).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ns {

// The ignore file read at the root of a collection; never an article.
inline constexpr std::string_view kIgnoreFile = ".nsignore";

class IgnoreRules {
 public:
  // Adds one line. Blank lines and lines starting with "#" add nothing; a
  // leading "!" re-includes what an earlier rule excluded; a trailing "/"
  // matches folders only; a pattern with a "/" before its end is anchored
  // to the root (a leading "/" only anchors), one without matches a name at
  // any depth; "*", "?" and "[...]" never match a "/"; "**" as a whole part
  // matches any number of folders ("a/**" everything below a, not a).
  // Trailing spaces are dropped unless escaped with "\".
  void add(std::string_view line);

  // Adds each line of text (LF or CRLF line endings).
  void add_lines(std::string_view text);

  bool empty() const { return rules_.empty(); }

  // Whether the entry at path, relative to the root ("a/b.md": UTF-8 or any
  // bytes, "/"-separated, no leading "/"), is excluded: the last rule that
  // matches it decides; folder says whether it is a folder. Only path
  // itself is matched, not its folders: a walk does not enter an excluded
  // folder, so nothing below one is re-included.
  bool ignored(std::string_view path, bool folder) const;

 private:
  struct Rule {
    std::vector<std::string> parts;  // the pattern cut at each "/"
    bool negated = false;
    bool folders_only = false;
    bool anchored = false;  // matched against the whole path, else its last name
  };

  static bool matches(const Rule& rule, std::string_view path, bool folder);

  std::vector<Rule> rules_;
};

}  // namespace ns
