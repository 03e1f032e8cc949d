// The second step of ns-index --shard I/N: the articles that a plan (the
// whole collection indexed with Detail::kLinks into N shards, so every
// article sits where ns-index --shards N would put it) placed on shard I,
// written in full into this machine's database.
#pragma once

#include <string>

#include "indexer/indexer.h"

namespace ns {

// Reads again the files of the articles in plan_shard (one shard of the
// plan) and writes those articles in full, with the plan's collapse keys,
// into a new database at options.db_path, swapped in when complete (a
// stop or failure keeps the old one). Adds to summary the files read, the
// articles written and the files that changed into bad ones since the plan
// (reported). Throws DatabaseError, AnalyzerError, Xapian::Error.
void write_planned_shard(const std::string& plan_shard, const IndexOptions& options,
                         const ErrorReporter& report, IndexSummary& summary);

}  // namespace ns
