// Fuzz target: a search request's query string as ns-serve reads it
// (cpp-httplib's parser, then server/params.h) into ns-search's options,
// then the filters into queries. A bad request must give UsageError (400),
// nothing else.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/analyzer.h"
#include "common/errors.h"
#include "server/params.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ns::Analyzer analyzer;
  ns::Params params;
  httplib::detail::parse_query_text(std::string(reinterpret_cast<const char*>(data), size), params);
  try {
    ns::SearchArgs args = ns::search_args_from(params);
    ns::filter_queries(args.filters, analyzer, args.request.as_of);
    ns::fit_request_to_output(args);
  } catch (const ns::UsageError&) {
    // refused with a message: what a bad request should get
  }
  return 0;
}
