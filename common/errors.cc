#include "common/errors.h"

namespace ns {
namespace {

std::string locate(const std::string& path, int line, int column) {
  std::string where = path;
  if (line > 0) {
    where += ":" + std::to_string(line);
    if (column > 0) where += ":" + std::to_string(column);
  }
  return where;
}

}  // namespace

InputError::InputError(const std::string& path, int line, int column, const std::string& message)
    : Error(locate(path, line, column) + ": " + message),
      path_(path),
      line_(line),
      column_(column),
      message_(message) {}

}  // namespace ns
