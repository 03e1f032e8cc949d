// The values a filter field holds in a database: ns-search --list-values,
// which the shell completions of --topic, --provider, --site... call.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "common/schema.h"

namespace ns {

// Every value of the filter field in db, each once, in byte order, as the
// index keeps it: normalised (lower case, width and accents folded: what
// --topic and topic: match against) and UTF-8. Throws Xapian::Error.
std::vector<std::string> field_values(const Xapian::Database& db, const schema::Prefix& field);

}  // namespace ns
