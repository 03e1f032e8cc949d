// Expands the paths given to ns-index into the article files below them.
#pragma once

#include <string>
#include <vector>

#include "common/errors.h"

namespace ns {

struct WalkResult {
  std::vector<std::string> files;  // sorted, each once
  std::vector<InputError> errors;  // paths that do not exist or cannot be listed
};

// True for the file names a folder walk picks up: *.md, *.markdown, *.txt.
bool is_article_file_name(const std::string& name);

// Files named directly are taken whatever their name; folders are walked
// recursively for article file names, skipping hidden files and folders
// (".git") and never following symbolic links to folders (no loops).
WalkResult collect_files(const std::vector<std::string>& paths);

}  // namespace ns
