// Prints every document of an ns database in a form two databases can be
// compared by, whatever their document ids: one block per document, sorted
// by id term, with its terms (wdf and positions), values and data in hex.
// For the property test "incremental equals rebuild".
#include <xapian.h>

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

namespace {

std::string hex(const std::string& bytes) {
  std::ostringstream out;
  for (unsigned char c : bytes) out << std::hex << std::setw(2) << std::setfill('0') << int(c);
  return out.str();
}

std::string dump(const Xapian::Document& doc) {
  std::ostringstream out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out << "  term " << hex(*t) << " wdf " << t.get_wdf() << " pos";
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out << ' ' << *p;
    out << '\n';
  }
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
    out << "  value " << v.get_valueno() << ' ' << hex(*v) << '\n';
  }
  out << "  data " << hex(doc.get_data()) << '\n';
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: db_dump DB\n";
    return 2;
  }
  try {
    Xapian::Database db(argv[1]);
    std::map<std::string, std::string> docs;
    for (auto id = db.allterms_begin("Q"); id != db.allterms_end("Q"); ++id) {
      for (auto p = db.postlist_begin(*id); p != db.postlist_end(*id); ++p) {
        docs[*id] += dump(db.get_document(*p));
      }
    }
    std::cout << db.get_doccount() << " documents\n";
    for (const auto& [id, text] : docs) std::cout << hex(id) << '\n' << text;
  } catch (const Xapian::Error& e) {
    std::cerr << "db_dump: " << e.get_description() << '\n';
    return 2;
  }
}
