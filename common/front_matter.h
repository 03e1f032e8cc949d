// Reads an article file: a YAML front-matter block between two "---" lines.
// The only file that knows yaml-cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/article.h"

namespace ns {

// Files larger than this are refused rather than read.
inline constexpr std::size_t kMaxArticleFileBytes = 10 * 1024 * 1024;

// The title and excerpt text of one file, its related entries' included,
// is kept up to this many bytes in all (in the file's order: its title,
// excerpt, then each entry's); what is past it is cut (after a word) and
// counted in Article::cut_bytes. It bounds the memory indexing one file
// takes, whatever its shape (1.3 million distinct words took 1 GB).
inline constexpr std::size_t kMaxTextBytesPerFile = 512 * 1024;

// Parses the contents of an article file. `path` is used only in messages.
// Returns the article with its related entries; text fields are cleaned
// (see clean_text). Throws InputError (1-based line and column in the file)
// when the file is empty, binary, not UTF-8, has no front matter or no
// closing "---", is not valid YAML, has a field of the wrong type, or has
// no title. Text past kMaxTextBytesPerFile is cut.
Article parse_article(std::string_view contents, const std::string& path);

// The YAML text of contents' front-matter block (between its "---" lines,
// CRs dropped), and in first_line the file line where it starts. Throws
// InputError as parse_article when there is no block or it is not closed.
std::string front_matter_yaml(std::string_view contents, const std::string& path,
                              int& first_line);

// Reads and parses the file at path; messages name the file as shown
// (default: path). Throws InputError as parse_article, and when the file
// cannot be read or is larger than kMaxArticleFileBytes.
Article read_article_file(const std::string& path, const std::string& shown = {});

}  // namespace ns
