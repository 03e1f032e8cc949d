// Snippets and highlight marks: the words a query matched, marked in a
// hit's title and excerpt, and the marks rendered for an output format.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"

namespace ns {

// Around each matched word in Hit::snippet and Hit::marked_title: the
// private-use characters U+E000 and U+E001, removed from article text first.
inline constexpr std::string_view kMarkOpen = "\xEE\x80\x80";
inline constexpr std::string_view kMarkClose = "\xEE\x80\x81";

// A snippet holds about this many bytes of the excerpt.
inline constexpr std::size_t kSnippetBytes = 200;

// text with its highlight marks (kMarkOpen, kMarkClose) replaced by open
// and close ("", "": plain text).
std::string render_marks(std::string_view text, std::string_view open, std::string_view close);

// Appends to words each text marked in text (between kMarkOpen and
// kMarkClose) that words does not hold yet, in order.
void add_marked_words(std::string_view text, std::vector<std::string>& words);

// The CJK words of query, longest first: Xapian's snippets mark single CJK
// characters only, so these are marked as substrings too (see marked).
std::vector<std::string> cjk_words(const std::string& query, Analyzer& analyzer);

// text (UTF-8) with the words mset's query matched marked, and every
// occurrence of cjk (cjk_words) outside those marks; at most length bytes
// of it, its best part, when it is longer.
std::string marked(const Xapian::MSet& mset, const std::string& text, std::size_t length,
                   const std::vector<std::string>& cjk);

}  // namespace ns
