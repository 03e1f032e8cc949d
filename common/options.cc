#include "common/options.h"

#include <xapian.h>

#include <algorithm>
#include <iostream>
#include <ostream>

#include "common/database.h"
#include "common/errors.h"
#include "common/printable.h"
#include "common/version.h"

namespace ns {

std::string CommonOptions::db_path() const { return db.empty() ? default_db_path() : db; }

unsigned parse_count(const char* option, const std::string& text, unsigned max) {
  unsigned long long value = 0;
  bool ok = !text.empty() && text.size() <= 10;
  for (char c : text) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (!ok || value > max) {
    throw UsageError(std::string(option) + ": expected a whole number from 0 to " +
                     std::to_string(max) + ", got \"" + text + "\"");
  }
  return static_cast<unsigned>(value);
}

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> items;
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    items.emplace_back(list.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

int run_guarded(const char* prog, const std::function<int()>& body) {
  try {
    return body();
  } catch (const UsageError& e) {
    std::cerr << prog << ": " << printable(e.what()) << " (see " << prog << " --help)\n";
  } catch (const Stopped& e) {
    std::cerr << prog << ": " << printable(e.what()) << '\n';
    return 128 + e.signal();
  } catch (const std::exception& e) {
    std::cerr << prog << ": " << printable(e.what()) << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << prog << ": " << e.get_description() << '\n';
  }
  return 2;
}

std::string wrap(std::string_view text, std::size_t width) {
  std::string out, line;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + '\n';
      line.clear();
    }
    line += (line.empty() ? "" : " ") + std::string(word);
  }
  return line.empty() ? out : out + line + '\n';
}

void print_version(std::ostream& out, const char* prog) { out << prog << ' ' << kVersion << '\n'; }

}  // namespace ns
