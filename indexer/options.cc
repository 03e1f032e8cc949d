#include "indexer/options.h"

#include <ostream>

#include "common/errors.h"
#include "common/program_options.h"

namespace ns {
namespace {

namespace po = boost::program_options;

// The most shards --shards accepts.
constexpr unsigned kMaxShards = 256;

// Both shard options as given, checked after parsing.
struct ShardArgs {
  std::string shards;  // --shards N
  std::string shard;   // --shard I/N
};

po::options_description index_options(IndexArgs& args, ShardArgs& shards) {
  po::options_description desc("Options");
  // clang-format off
  desc.add_options()
      ("rebuild", po::bool_switch(&args.rebuild),
       "build a new database from PATH... and swap it in when complete (the old one "
       "stays if the run fails or is stopped)")
      ("strict", po::bool_switch(&args.strict), "stop at the first bad file (exit 2)")
      ("shards", po::value(&shards.shards)->value_name("N"),
       "write a new database as N shards, each a Xapian database that xapian-tcpsrv can "
       "serve; the articles of one story cluster share a shard (see docs/database.md)")
      ("shard", po::value(&shards.shard)->value_name("I/N"),
       "write only shard I of the N that --shards N would write, as a database of its own "
       "(one machine's part; every PATH is read, and the shard rebuilt)")
      ("wait", po::bool_switch(&args.wait),
       "wait for another ns-index on the same database to finish, instead of failing")
      ("null,0", po::bool_switch(&args.null_separated),
       "with the PATH \"-\": paths on standard input are separated by NUL bytes "
       "(find -print0, git ls-files -z), not newlines")
      ("exclude", po::value(&args.excludes)->value_name("GLOB")->composing(),
       "leave out what GLOB matches under every root, as a line of a .nsignore file would "
       "(gitignore syntax; \"!GLOB\" takes back in); repeatable, applied after .nsignore")
      ("roots", po::bool_switch(&args.list_roots),
       "list the roots the database holds, one a line, and exit")
      ("forget", po::value(&args.forget)->value_name("ROOT"),
       "remove ROOT from the database's roots and the articles of every file below it")
      ("check", po::bool_switch(&args.check),
       "check the database with Xapian's own check of every table and exit: 0 sound, "
       "2 damaged (every run that writes checks it so first)")
      ("quiet,q", po::bool_switch(&args.quiet), "print only errors: no progress, no summary");
  // clang-format on
  desc.add(common_options(args.common));
  return desc;
}

// "I/N" into args.shard and args.shards.
void parse_shard(const std::string& text, IndexArgs& args) {
  const std::size_t slash = text.find('/');
  const std::string usage =
      "--shard: give I/N, shard I of N (1 <= I <= N <= " + std::to_string(kMaxShards) +
      "), not \"" + text + "\"";
  if (slash == std::string::npos) throw UsageError(usage);
  try {
    args.shard = parse_count("--shard", text.substr(0, slash), kMaxShards);
    args.shards = parse_count("--shard", text.substr(slash + 1), kMaxShards);
  } catch (const UsageError&) {
    throw UsageError(usage);
  }
  if (args.shard == 0 || args.shard > args.shards) throw UsageError(usage);
}

// --roots, --forget and --check act on the database alone: no PATH, no
// indexing option.
void check_root_modes(const IndexArgs& args, const ShardArgs& shards) {
  const int modes = args.list_roots + !args.forget.empty() + args.check;
  if (modes == 0) return;
  const char* mode = args.list_roots ? "--roots" : args.check ? "--check" : "--forget";
  if (modes > 1) throw UsageError("--roots, --forget and --check: give one");
  if (!args.paths.empty()) {
    throw UsageError(std::string(mode) + ": give no PATH (it acts on the database alone)");
  }
  if (args.rebuild || args.strict || !args.excludes.empty() || !shards.shards.empty() ||
      !shards.shard.empty()) {
    throw UsageError(std::string(mode) +
                     ": give it with --db, --wait or -q only, not with options for indexing");
  }
}

}  // namespace

IndexArgs parse_index_args(int argc, const char* const* argv) {
  IndexArgs args;
  ShardArgs shards;
  po::options_description all = index_options(args, shards);
  parse_command_line(argc, argv, all, "path", args.paths);
  check_root_modes(args, shards);
  if (!shards.shards.empty() && !shards.shard.empty()) {
    throw UsageError(
        "--shards and --shard: give one (--shards N writes all N shards here, "
        "--shard I/N only shard I)");
  }
  if (!shards.shards.empty()) {
    args.shards = parse_count("--shards", shards.shards, kMaxShards);
    if (args.shards == 0)
      throw UsageError("--shards: give a number from 1 to " + std::to_string(kMaxShards));
  }
  if (!shards.shard.empty()) parse_shard(shards.shard, args);
  return args;
}

void print_index_help(std::ostream& out) {
  IndexArgs unused;
  ShardArgs shards;
  out << "Usage: ns-index [OPTIONS] [PATH...]\n"
         "  or:  ns-index [--db PATH] --roots | --forget ROOT | --check\n"
         "Index news article files (YAML front matter between \"---\" lines) into an ns\n"
         "database. Folders are walked recursively for *.md, *.markdown and *.txt files;\n"
         "files named directly are read whatever their name; a PATH of \"-\" reads a\n"
         "list of paths from standard input. A run re-reads only files whose size or\n"
         "modification time changed, and removes the articles of files gone from the\n"
         "folders walked (or named and missing).\n\n"
         "Each PATH is kept as a root of the database (one within a root adds none; one\n"
         "holding roots replaces them); with no PATH, every root is indexed again. A\n"
         "folder walked leaves out what its root's .nsignore file lists (gitignore\n"
         "syntax) and what --exclude matches; a file indexed and now left out is\n"
         "removed. A PATH that does not exist and was never indexed is an error (exit 2,\n"
         "nothing written).\n\n"
      << index_options(unused, shards)
      << "\nExit status:\n"
         "  0        all files indexed (--check: the database is sound)\n"
         "  1        some files skipped, each reported on stderr as path:line:col: what\n"
         "  2        fatal error: bad option, a PATH missing and never indexed, an\n"
         "           unknown --forget ROOT, database locked, unwritable or damaged\n"
         "           (--check: damaged), or a bad file with --strict\n"
         "  130/143  stopped by SIGINT/SIGTERM after committing the work done\n";
}

}  // namespace ns
