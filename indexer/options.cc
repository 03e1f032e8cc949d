#include "indexer/options.h"

#include <ostream>

#include "common/errors.h"

namespace ns {
namespace {

namespace po = boost::program_options;

po::options_description index_options(IndexArgs& args) {
  po::options_description desc("Options");
  desc.add_options()("rebuild", po::bool_switch(&args.rebuild),
                     "start from an empty database instead of updating it")(
      "strict", po::bool_switch(&args.strict), "stop at the first bad file (exit 2)")(
      "quiet,q", po::bool_switch(&args.quiet), "print only errors, no summary");
  desc.add(common_options(args.common));
  return desc;
}

}  // namespace

IndexArgs parse_index_args(int argc, const char* const* argv) {
  IndexArgs args;
  po::options_description all = index_options(args);
  all.add_options()("path", po::value(&args.paths)->composing(), "file or folder");
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map vm;
  parse_command_line(argc, argv, all, positional, vm);
  if (args.paths.empty() && !args.common.help && !args.common.version) {
    throw UsageError("no PATH given: name the article files or folders to index");
  }
  return args;
}

void print_index_help(std::ostream& out) {
  IndexArgs unused;
  out << "Usage: ns-index [OPTIONS] PATH...\n"
         "Index news article files (YAML front matter between \"---\" lines) into an ns\n"
         "database. Folders are walked recursively for *.md, *.markdown and *.txt files;\n"
         "files named directly are read whatever their name. Running it again replaces\n"
         "each file's articles instead of adding copies.\n\n"
      << index_options(unused)
      << "\nExit status: 0 all files indexed, 1 some files skipped (each reported on\n"
         "stderr as path:line:col: what), 2 fatal error (bad option, database locked or\n"
         "unwritable, or a bad file with --strict).\n";
}

}  // namespace ns
