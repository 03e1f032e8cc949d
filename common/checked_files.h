// What the files of a database folder were when it was last found sound,
// kept beside them so that a search need not read every block again
// (check_integrity_once, common/integrity.h).
#pragma once

#include <string>

namespace ns {

// The file in a database folder that holds what its files were.
inline constexpr const char* kCheckedFile = "ns-checked";

// The Xapian files of folder (iamglass, *.glass) as one text: a line each,
// sorted, of name, size, modification and change times (nanoseconds) and
// inode. Taken once the clock has passed every change time: a write
// within the same clock tick would leave a change time as it was. Empty
// when the folder cannot be listed or holds no version file (iamglass).
std::string file_stats(const std::string& folder);

// The stats folder's kCheckedFile holds; empty when there is none, or it
// is cut short or garbled (its last line is a hash of the others).
std::string remembered_stats(const std::string& folder);

// Writes stats (non-empty) to folder's kCheckedFile, mode 0644 less the
// umask. Returns false when it cannot be written (a folder of another
// user's, say).
bool remember_stats(const std::string& folder, const std::string& stats);

}  // namespace ns
