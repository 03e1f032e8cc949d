#include "common/shards.h"

#include <filesystem>
#include <fstream>

#include "common/errors.h"
#include "common/schema.h"
#include "common/utf8.h"

namespace ns {
namespace {

namespace fs = std::filesystem;

// "HOST:PORT" as host and port; nothing when it is not one.
bool split_host_port(const std::string& where, std::string& host, unsigned& port) {
  const std::size_t colon = where.rfind(':');
  if (colon == std::string::npos || colon == 0 || where.find(' ') != std::string::npos) {
    return false;
  }
  const std::string digits = where.substr(colon + 1);
  if (digits.empty() || digits.size() > 5 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  port = static_cast<unsigned>(std::stoul(digits));
  host = where.substr(0, colon);
  return port > 0 && port < 65536;
}

// Printable UTF-8: a line worth quoting back.
bool is_text(const std::string& line) {
  for (unsigned char c : line) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return utf8::find_invalid(line) == std::string::npos;
}

constexpr const char* kStubLines =
    "a stub file names shards, one a line: \"auto PATH\" or \"remote HOST:PORT\"";

}  // namespace

std::string shard_folder(unsigned k) { return "shard-" + std::to_string(k + 1); }

unsigned shard_of(std::string_view cluster_key, unsigned shards) {
  return static_cast<unsigned>(schema::hash64(cluster_key) % shards);
}

void create_sharded(const std::string& path, unsigned shards,
                    const std::function<void(Xapian::WritableDatabase&)>& stamp) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) throw DatabaseError(path + ": cannot create its folder: " + ec.message());
  std::string stub;
  for (unsigned k = 0; k < shards; ++k) {
    Xapian::WritableDatabase shard((fs::path(path) / shard_folder(k)).string(),
                                   Xapian::DB_CREATE_OR_OVERWRITE);
    stamp(shard);
    shard.commit();
    stub += "auto " + shard_folder(k) + "\n";
  }
  const fs::path stub_path = fs::path(path) / kStubFile;
  std::ofstream out(stub_path);
  out << stub;
  out.close();
  if (!out) throw DatabaseError(stub_path.string() + ": cannot write the stub file");
}

std::vector<StubShard> read_stub(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw DatabaseError(path + ": cannot read the stub file");
  const fs::path folder = fs::path(path).parent_path();
  std::vector<StubShard> shards;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.find(' ');
    const std::string type = line.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
    std::string host;
    unsigned port = 0;
    if ((type == "auto" || type == "glass") && !rest.empty()) {
      // Served by xapian-progsrv, one process a shard: Xapian 1.4.22's
      // matcher crashes on OP_MAX over several local shards when counting
      // every match (two lines of Python show it); each served shard is
      // matched alone, as with xapian-tcpsrv.
      const std::string where = fs::path(rest).is_absolute() ? rest : (folder / rest).string();
      shards.push_back({line, where, [where] {
                          std::error_code ec;
                          if (!fs::exists(where, ec)) {
                            throw Xapian::DatabaseNotFoundError("no database at " + where);
                          }
                          return Xapian::Remote::open("xapian-progsrv", where);
                        }});
    } else if (type == "remote" && split_host_port(rest, host, port)) {
      shards.push_back({line, "", [host, port] { return Xapian::Remote::open(host, port); }});
    } else if (const std::size_t gap = rest.find(' ');
               type == "remote" && gap != std::string::npos) {
      const std::string program = rest.substr(0, gap);
      const std::string args = rest.substr(gap + 1);
      shards.push_back(
          {line, "", [program, args] { return Xapian::Remote::open(program, args); }});
    } else if (!is_text(line)) {
      throw DatabaseError(path + ": a file, not a database (nor a stub file naming shards)");
    } else if (shards.empty() && type != "auto" && type != "glass" && type != "remote") {
      // Nothing like a stub line yet: some other text file.
      throw DatabaseError(path + ": not an ns database: a text file, not a stub file naming " +
                          "shards (line " + std::to_string(number) + ": \"" + line +
                          "\"); give --db the folder ns-index wrote");
    } else {
      throw DatabaseError(path + ":" + std::to_string(number) + ": not a line of a stub file: \"" +
                          line + "\"; " + kStubLines);
    }
  }
  if (shards.empty()) {
    throw DatabaseError(path + ": not an ns database: a file naming no shard; give --db the " +
                        "folder ns-index wrote (" + kStubLines + ")");
  }
  return shards;
}

}  // namespace ns
