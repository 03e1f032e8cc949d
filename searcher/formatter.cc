#include "searcher/formatter.h"

#include <string>

#include "common/errors.h"
#include "searcher/json_formatter.h"
#include "searcher/text_formatter.h"

namespace ns {

std::unique_ptr<Formatter> make_formatter(Format format) {
  switch (format) {
    case Format::kJson:
      return std::make_unique<JsonFormatter>();
    case Format::kText:
      break;
  }
  return std::make_unique<TextFormatter>();
}

Format parse_format(std::string_view name) {
  static_assert(std::size(kFormatNames) == 2, "one name per Format");
  if (name == kFormatNames[0]) return Format::kText;
  if (name == kFormatNames[1]) return Format::kJson;
  std::string valid;
  for (std::string_view n : kFormatNames) valid += (valid.empty() ? "" : ", ") + std::string(n);
  throw UsageError("--format: unknown format \"" + std::string(name) +
                   "\"; valid formats: " + valid);
}

}  // namespace ns
