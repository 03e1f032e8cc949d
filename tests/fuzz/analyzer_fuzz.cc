// Fuzz target: every entry point of the analyzer on any bytes (invalid
// UTF-8 included). Terms must be valid, non-empty UTF-8 and words no
// longer than kMaxTermBytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/analyzer.h"
#include "common/utf8.h"

namespace {

void check_term(const std::string& term) {
  if (term.empty() || ns::utf8::find_invalid(term) != std::string_view::npos) std::abort();
}

void check_unit(const ns::QueryUnit& unit) {
  for (const std::string& w : unit.words) check_term(w);
  for (const std::string& s : unit.stems) check_term(s);
  for (const std::string& g : unit.ngrams) check_term(g);
  for (const ns::QueryUnit& part : unit.parts) check_unit(part);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ns::Analyzer analyzer;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const ns::Term& t : analyzer.index_terms(text)) {
    check_term(t.text);
    if (t.kind == ns::TermKind::kWord && t.text.size() > ns::kMaxTermBytes) std::abort();
  }
  for (const ns::QueryUnit& unit : analyzer.query_units(text)) check_unit(unit);
  for (const ns::Token& token : analyzer.words(text)) check_term(token.term);
  const std::string normal = analyzer.normalize(text);
  if (ns::utf8::find_invalid(normal) != std::string_view::npos) std::abort();
  analyzer.words_key(text);
  analyzer.language(text);
  return 0;
}
