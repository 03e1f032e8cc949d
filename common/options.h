// Command-line pieces both programs share: --db, --help, --version, and
// turning Boost.ProgramOptions errors into UsageError.
#pragma once

#include <boost/program_options.hpp>

#include <functional>
#include <iosfwd>
#include <string>

namespace ns {

struct CommonOptions {
  std::string db;  // empty: default_db_path()
  bool help = false;
  bool version = false;

  // The database to use: --db, else default_db_path().
  std::string db_path() const;
};

// Declares --db, -h/--help and -V/--version, writing into out.
boost::program_options::options_description common_options(CommonOptions& out);

// Parses argv into vm and notifies the bound variables. Throws UsageError
// with Boost's message ("unrecognised option '--frob'") on a bad command line.
void parse_command_line(int argc, const char* const* argv,
                        const boost::program_options::options_description& options,
                        const boost::program_options::positional_options_description& positional,
                        boost::program_options::variables_map& vm);

// Reads the value of a count option such as --limit: a whole number from 0
// to max. Throws UsageError naming the option and the valid range.
unsigned parse_count(const char* option, const std::string& text, unsigned max);

// Runs a program's body and returns its exit status. Every error is caught
// here, once: it is printed as one line "prog: what" on stderr (a UsageError
// ends it with "(see prog --help)") and the status is 2.
int run_guarded(const char* prog, const std::function<int()>& body);

// Prints "prog VERSION" for --version.
void print_version(std::ostream& out, const char* prog);

}  // namespace ns
