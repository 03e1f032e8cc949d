// ns-index's command line, declared once: parsed into a plain struct.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "common/options.h"

namespace ns {

struct IndexArgs {
  CommonOptions common;
  std::vector<std::string> paths;
  bool rebuild = false;
  bool strict = false;
  bool quiet = false;
  bool wait = false;
  bool null_separated = false;  // -0: the list read for "-" is NUL-separated
  unsigned shards = 0;          // --shards N, or N of --shard I/N: 0 keeps the database's own
  unsigned shard = 0;           // I of --shard I/N (1-based), else 0
  std::vector<std::string> excludes;  // --exclude GLOB, in order
  bool list_roots = false;            // --roots: list the roots and stop
  std::string forget;                 // --forget ROOT, else empty
  bool check = false;                 // --check: check the database's integrity and stop
};

// Parses argv. A PATH of "-" stands for the paths read from standard input
// (see read_path_list); no PATH, for the roots the database holds. Throws
// UsageError on a bad command line, including --roots, --forget or --check
// with PATHs or with options for indexing.
IndexArgs parse_index_args(int argc, const char* const* argv);

// Writes --help: usage, every option with its default, exit codes.
void print_index_help(std::ostream& out);

}  // namespace ns
