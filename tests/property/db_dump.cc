// Prints every document of an ns database in a form two databases can be
// compared by, whatever their document ids: one block per document, sorted
// by id term, with its terms (wdf and positions), values and data in hex.
// For the property test "incremental equals rebuild". With
// --no-first-seen, the values of when each article first entered the
// database are left out: a database built afresh has no history to keep.
#include <xapian.h>

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "common/schema.h"

namespace {

std::string hex(const std::string& bytes) {
  std::ostringstream out;
  for (unsigned char c : bytes) out << std::hex << std::setw(2) << std::setfill('0') << int(c);
  return out.str();
}

bool first_seen_slot(Xapian::valueno slot) {
  return slot == ns::schema::kFirstSeen.slot || slot == ns::schema::kFirstSeenRevision.slot;
}

std::string dump(const Xapian::Document& doc, bool first_seen) {
  std::ostringstream out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out << "  term " << hex(*t) << " wdf " << t.get_wdf() << " pos";
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out << ' ' << *p;
    out << '\n';
  }
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
    if (!first_seen && first_seen_slot(v.get_valueno())) continue;
    out << "  value " << v.get_valueno() << ' ' << hex(*v) << '\n';
  }
  out << "  data " << hex(doc.get_data()) << '\n';
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  const bool first_seen = !(argc == 3 && std::string(argv[1]) == "--no-first-seen");
  if (argc != 2 && first_seen) {
    std::cerr << "usage: db_dump [--no-first-seen] DB\n";
    return 2;
  }
  try {
    Xapian::Database db(argv[argc - 1]);
    std::map<std::string, std::string> docs;
    for (auto id = db.allterms_begin("Q"); id != db.allterms_end("Q"); ++id) {
      for (auto p = db.postlist_begin(*id); p != db.postlist_end(*id); ++p) {
        docs[*id] += dump(db.get_document(*p), first_seen);
      }
    }
    std::cout << db.get_doccount() << " documents\n";
    for (const auto& [id, text] : docs) std::cout << hex(id) << '\n' << text;
  } catch (const Xapian::Error& e) {
    std::cerr << "db_dump: " << e.get_description() << '\n';
    return 2;
  }
}
