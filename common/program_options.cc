#include "common/program_options.h"

#include <filesystem>

#include "common/errors.h"

namespace ns {

namespace po = boost::program_options;

po::options_description common_options(CommonOptions& out) {
  po::options_description desc("Common options");
  // clang-format off
  desc.add_options()
      ("db", po::value(&out.db)->value_name("PATH"),
       "database folder (default: $NS_DB, else $XDG_DATA_HOME/ns/db, else "
       "~/.local/share/ns/db)")
      ("help,h", po::bool_switch(&out.help), "show this help and exit")
      ("version,V", po::bool_switch(&out.version), "show the version and exit");
  // clang-format on
  return desc;
}

po::variables_map parse_command_line(int argc, const char* const* argv,
                                     po::options_description& options, const char* operand_name,
                                     std::vector<std::string>& operands) {
  options.add_options()(operand_name, po::value(&operands)->composing());
  po::positional_options_description positional;
  positional.add(operand_name, -1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
              vm);
    po::notify(vm);
    return vm;
  } catch (const po::unknown_option& e) {
    const std::string name = e.get_option_name();
    std::string hint;
    if (name.size() > 1 && name[0] == '-' && name[1] != '-') {
      const std::string prog = std::filesystem::path(argv[0]).filename().string();
      hint = "; an argument starting with - goes after --, as in: " + prog + " -- " + name;
    }
    throw UsageError(e.what() + hint);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
}

}  // namespace ns
