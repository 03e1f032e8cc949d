// Command-line pieces both programs share: --db's default, counts and
// choices, help text, and the one catch of a program's errors. Boost.
// ProgramOptions stays in common/program_options.h and the options files.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "common/errors.h"

namespace ns {

struct CommonOptions {
  std::string db;  // empty: default_db_path()
  bool help = false;
  bool version = false;

  // The database to use: --db, else default_db_path().
  std::string db_path() const;
};

// Reads the value of a count option such as --limit: a whole number from 0
// to max. Throws UsageError naming the option and the valid range.
unsigned parse_count(const char* option, const std::string& text, unsigned max);

// The names joined by sep: "text|json" for --help, "text, json" in errors.
template <std::size_t N>
std::string choices(const std::string_view (&names)[N], const char* sep = "|") {
  std::string out;
  for (std::string_view name : names) out += (out.empty() ? "" : sep) + std::string(name);
  return out;
}

// The index of name in names, the valid values of option. Throws UsageError
// ("--format: unknown format \"xml\"; valid formats: text, json").
template <std::size_t N>
std::size_t choose(const char* option, const char* what, std::string_view name,
                   const std::string_view (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    if (name == names[i]) return i;
  }
  throw UsageError(std::string(option) + ": unknown " + what + " \"" + std::string(name) +
                   "\"; valid " + what + "s: " + choices(names, ", "));
}

// The items of a comma-separated option value ("a,b"), empty ones kept.
std::vector<std::string> split_list(std::string_view list);

// Runs a program's body and returns its exit status. Every error is caught
// here, once: it is printed as one line "prog: what" on stderr (a UsageError
// ends it with "(see prog --help)") and the status is 2; a Stopped error's
// is 128 + its signal.
int run_guarded(const char* prog, const std::function<int()>& body);

// Lines of --help text are at most this many characters.
inline constexpr std::size_t kHelpWidth = 78;

// text as lines of at most width characters (bytes), broken at spaces, each
// ending with a newline; a word longer than width has a line of its own.
std::string wrap(std::string_view text, std::size_t width);

// Prints "prog VERSION" for --version.
void print_version(std::ostream& out, const char* prog);

}  // namespace ns
