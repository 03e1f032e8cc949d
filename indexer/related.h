// Keeps related articles in step with the files that list them.
//
// A related entry with a URL is one article however many files list it; it
// exists while some file lists it and no file's own article has that URL.
// When several files list it, the file with the smallest path supplies its
// text and story, so an incremental run and a rebuild agree.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/article.h"
#include "indexer/document_builder.h"
#include "indexer/first_seen.h"
#include "indexer/walker.h"

namespace ns {

// Adds to urls the URLs a file's article touches: its own and its related
// entries'.
void add_urls(const Article& article, std::set<std::string>& urls);

// The same for a file article already in the database. Throws DatabaseError.
void add_urls(const Xapian::Document& file_document, std::set<std::string>& urls);

// Whether a file's article in the database (old) and the one about to
// replace it list the same own URL and related entries: then no related
// article with a URL changes with it.
bool same_related(const Xapian::Document& old, const Xapian::Document& replacement);

// Creates, replaces or deletes the related article for each of urls so
// that it agrees with the file articles now in db (pending changes
// included), and adds the link terms (see add_link_terms) of what it
// replaced or wrote to links. Each file article listing some of urls is
// decoded once, so the work is linear in the entries of those files (a
// file of N related entries edited once cost N decodings of N entries).
// What it writes is stamped by first_seen, what it deletes remembered.
// Throws Xapian::Error, DatabaseError, AnalyzerError.
void reconcile_related(Xapian::WritableDatabase& db, const std::set<std::string>& urls,
                       Analyzer& analyzer, std::set<std::string>& links,
                       FirstSeen& first_seen);

// A document and its id term, to write with replace_document.
struct IdDocument {
  std::string id_term;
  Xapian::Document doc;
};

// The documents of the related entries of article that have no URL: they
// belong to this file alone, with ids "PATH#related-N". Throws
// AnalyzerError.
std::vector<IdDocument> unkeyed_related(const Article& article, const FileInfo& file,
                                        Analyzer& analyzer, Detail detail = Detail::kFull);

// Deletes the related entries without a URL written for the file at path,
// adding their link terms to links.
void delete_unkeyed_related(Xapian::WritableDatabase& db, const std::string& path,
                            std::set<std::string>& links);

}  // namespace ns
