// Databases of several shards. ns-index --shards N writes a folder holding
// the shards shard-1 ... shard-N and a stub file, XAPIANDB, naming them
// ("auto shard-1" a line): Xapian opens the folder as one database, for
// reading and for writing. Served shards are named by a stub file of the
// user's (one line a shard: "remote HOST:PORT", "auto PATH").
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ns {

// The stub file inside a sharded database's folder.
inline constexpr std::string_view kStubFile = "XAPIANDB";

// The folder of shard k (0 to shards - 1) inside a sharded database:
// "shard-1" for k = 0.
std::string shard_folder(unsigned k);

// The shard, from 0 to shards - 1, that the articles of the cluster with
// this collapse key are written to: FNV-1a of the key, modulo shards.
unsigned shard_of(std::string_view cluster_key, unsigned shards);

// Creates an empty database of shards shards at path (a folder that must
// not exist), each shard stamped by stamp. Throws Xapian::Error, or
// DatabaseError when the folder or the stub file cannot be written.
void create_sharded(const std::string& path, unsigned shards,
                    const std::function<void(Xapian::WritableDatabase&)>& stamp);

// One shard named by a stub file: its line, as written, and the database.
struct StubShard {
  std::string line;    // "remote 127.0.0.1:5001"
  std::string folder;  // a local shard's folder ("auto PATH"); empty when served
  std::function<Xapian::Database()> open;
};

// The shards named by the stub file at path: "auto PATH" (or "glass PATH"),
// relative to the stub's folder, searched through xapian-progsrv (see
// shards.cc); "remote HOST:PORT" for a shard served by xapian-tcpsrv;
// "remote PROGRAM ARGS" for a program speaking Xapian's protocol. Blank
// lines and lines starting with # are skipped. Throws DatabaseError naming
// path and line for anything else.
std::vector<StubShard> read_stub(const std::string& path);

}  // namespace ns
