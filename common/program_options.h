// Boost.ProgramOptions pieces both programs' options files share: the
// common options and parsing a command line into them.
#pragma once

#include <boost/program_options.hpp>

#include <string>
#include <vector>

#include "common/options.h"

namespace ns {

// Declares --db, -h/--help and -V/--version, writing into out.
boost::program_options::options_description common_options(CommonOptions& out);

// Parses argv against options, every argument that is not an option (or
// follows "--") going into operands, and notifies the bound variables;
// returns what was given (defaulted() tells an option not named).
// operand_name is the hidden option that collects them. Throws UsageError
// with Boost's message ("unrecognised option '--frob'") on a bad command
// line, with a hint for a negative word ("-ipo": put it after --).
boost::program_options::variables_map parse_command_line(int argc, const char* const* argv,
                        boost::program_options::options_description& options,
                        const char* operand_name, std::vector<std::string>& operands);

}  // namespace ns
