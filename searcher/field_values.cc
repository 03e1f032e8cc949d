#include "searcher/field_values.h"

namespace ns {
namespace {

// Whether term is under a longer prefix than field's that starts the same
// way: a term of another field, which the iteration over field's prefix
// would also meet.
bool under_longer_prefix(const std::string& term, const schema::Prefix& field) {
  for (const schema::Prefix& p : schema::kPrefixes) {
    if (p.prefix.size() > field.prefix.size() && term.compare(0, p.prefix.size(), p.prefix) == 0)
      return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> field_values(const Xapian::Database& db, const schema::Prefix& field) {
  const std::string prefix(field.prefix);
  std::vector<std::string> values;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string term = *t;
    if (term.size() > prefix.size() && !under_longer_prefix(term, field))
      values.push_back(term.substr(prefix.size()));
  }
  return values;
}

}  // namespace ns
