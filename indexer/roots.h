// The roots of a collection: the paths given to ns-index, kept in the
// database so that a run with no PATH brings them all in step again
// (docs/indexing.md: Roots and ignore files).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace ns {

// The roots stored in db (absolute, normalised, sorted); none in a
// database written before roots were kept.
std::vector<std::string> read_roots(const Xapian::Database& db);

// Stores roots in db (committed with the next commit).
void write_roots(Xapian::WritableDatabase& db, const std::vector<std::string>& roots);

// The roots after a run over given (normal_path forms) on a database
// holding stored: a path that is a root or lies within one adds nothing;
// one that holds roots replaces them. No root of the result lies within
// another. Sorted.
std::vector<std::string> merge_roots(const std::vector<std::string>& stored,
                                     const std::vector<std::string>& given);

// The roots stored in the database at db_path; none when there is no
// database there. Throws DatabaseError when it cannot be read.
std::vector<std::string> stored_roots(const std::string& db_path);

// The same, for ns-index --roots. Throws DatabaseError when there is no
// database at db_path, or it cannot be read.
std::vector<std::string> list_roots(const std::string& db_path);

// Throws InputError ("PATH: no such file or folder") for the first of
// paths (as the user wrote them) that does not exist and was never
// indexed into the database at db_path: not a root of it, and no file
// indexed there or below it. Reads the database only when a path is
// missing, and never creates or writes one.
void check_paths_exist(const std::vector<std::string>& paths, const std::string& db_path);

// The stored root that the ROOT given to --forget names (as given, or in
// its normal_path form). Throws UsageError listing the roots held when it
// is none of them, DatabaseError when there is no database at db_path.
std::string find_root(const std::string& given, const std::string& db_path);

}  // namespace ns
