// Expands the paths given to ns-index into the article files below them.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "common/errors.h"

namespace ns {

struct FileInfo {
  std::string path;   // absolute, normalised: the file's id in the database
  std::string shown;  // as reached from the path the user gave, for messages
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

struct MissingPath {
  std::string given;  // as the user wrote it, for messages
  std::string path;   // absolute: its id, if it was indexed before
};

struct WalkResult {
  std::vector<FileInfo> files;       // sorted by path, each once
  std::vector<std::string> folders;  // absolute folders walked: what is indexed below
                                     // them and no longer found there was deleted
  std::vector<MissingPath> missing;  // paths named directly that do not exist
  std::vector<InputError> errors;    // folders or files that cannot be listed or read
  // Absolute folders (or paths) that could not be listed or read in full:
  // what was indexed below them is kept, not deleted.
  std::vector<std::string> unlisted;
};

// What a folder walk leaves out besides hidden files (docs/indexing.md: Roots and
// ignore files).
struct WalkRules {
  // --exclude lines: ignore-file lines applied under every folder walked,
  // after its root's ignore file (so they win).
  std::vector<std::string> excludes;
  // The collection roots (absolute, normal_path): a folder walked that lies
  // below one follows that root's ignore file, its patterns relative to the
  // root; any other folder walked is a root of its own.
  std::vector<std::string> roots;
};

// Reads a list of paths, one per line (blank lines and a trailing CR
// ignored) or, with nul_separated, separated by NUL bytes.
std::vector<std::string> read_path_list(std::istream& in, bool nul_separated);

// True for the file names a folder walk picks up: *.md, *.markdown, *.txt.
bool is_article_file_name(const std::string& name);

// True when path is a folder (or a symbolic link to one): list_files
// walks it.
bool is_folder(const std::string& path);

// The absolute, normalised form of path, as files are keyed and roots
// stored: a folder with every symbolic link resolved; a file (or a path
// that does not exist) its folder so resolved, then its own name. Throws
// nothing.
std::string normal_path(const std::string& path);

// True when path (absolute, normalised) is folder or lies below it.
bool lies_within(const std::string& path, const std::string& folder);

// Files named directly are taken whatever their name (an ignore file
// excepted, silently); folders are walked recursively for article file
// names, skipping hidden files and folders (".git"), what rules exclude
// (and not entering an excluded folder), and never following symbolic
// links to folders (no loops). A folder below that cannot be listed is an
// error of the walk and joins unlisted. An ignore file that cannot be read is an
// error of the walk. The files' sizes and times are left at 0: see
// stat_file.
WalkResult list_files(const std::vector<std::string>& paths, const WalkRules& rules = {});

// Sets file's size and modification time (nanoseconds on std::filesystem's
// clock, as stamps keep them) with one stat call. False with errno set
// when it fails.
bool stat_file(FileInfo& file);

// The error for a file stat_file could not read, from errno.
InputError unreadable(const FileInfo& file);

}  // namespace ns
