// The one text analyzer: turns text into terms, the same way for indexing
// and for querying. The only file that knows ICU.
//
// What it makes of text:
// - words: ICU word segmentation (dictionary-based for Chinese and
//   Japanese, split where the script changes) of the normalised text, with
//   positions; "U.S." becomes "us", a possessive "'s" is dropped; a word of
//   letters and digits is also split into its runs ("iphone13": iphone,
//   13, as Lucene's word-delimiter filter does); a hyphenated compound
//   ("co-founder") or a split word also gives its joined form ("cofounder",
//   "iphone13") at the position of its first part;
// - stems: the Snowball English stem of every word in Latin letters;
// - n-grams: each Chinese, Japanese or Korean character, and each pair of
//   neighbouring ones (positions count characters), so that any substring
//   of CJK text can be found. Latin, Greek and Cyrillic text is found by
//   its words only, even inside CJK text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ns {

// Bump whenever the terms produced for some text change: a database built
// by another version is refused until it is rebuilt.
inline constexpr int kAnalyzerVersion = 4;

// Words longer than this (in UTF-8 bytes) are dropped: they are URLs, hashes
// and base64 blobs, never something a reader types. So is the joined form
// of a hyphenated compound this long (its parts are kept).
inline constexpr std::size_t kMaxTermBytes = 64;

// The language of the stems (Xapian::Stem's name), for the analyzer's
// stem terms and for marking a hit's words in snippets alike.
inline constexpr const char* kStemLanguage = "english";

struct Token {
  std::string term;        // normalised UTF-8
  std::uint32_t position;  // 1-based, counted in words
};

enum class TermKind {
  kWord,     // exact word; position in words
  kJoined,   // a compound's or split word's joined form; its first part's position
  kStem,     // English stem of a word; no position
  kUnigram,  // one character of a CJK chunk; no position
  kBigram,   // two neighbouring characters of a CJK chunk; position in characters
};

struct Term {
  std::string text;  // normalised UTF-8
  TermKind kind;
  std::uint32_t position;  // 1-based; 0 for kinds without positions
  bool cjk = false;        // of Chinese, Japanese or Korean text
};

// What one piece of a query can match: a word, a hyphenated compound or
// split word, or a run of CJK characters. Each non-empty member is one way
// to match it.
struct QueryUnit {
  std::vector<std::string> words;   // exact words; a phrase when more than one
  std::string joined;               // a compound's or split word's joined form, else empty
  std::vector<std::string> stems;   // English stems (of the word or joined form)
  std::vector<std::string> ngrams;  // CJK: one unigram, or bigrams to match as a phrase
  bool cjk = false;                 // a run of Chinese, Japanese or Korean text
  // A CJK run of several words ("港股回调": 港股, 回调) also as its words,
  // each to be found on its own: nobody types spaces between them. A run
  // of single characters ICU found no word for stays together. Empty
  // unless there are at least two.
  std::vector<QueryUnit> parts;
};

// Not thread-safe: use one Analyzer per thread. Construction is cheap after
// the first one in a process (ICU caches its data).
class Analyzer {
 public:
  // Throws AnalyzerError when ICU cannot provide its normaliser or word
  // break iterator.
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Every term of text, for indexing, in text order (words, then stems and
  // n-grams). text must be UTF-8; invalid bytes are read as U+FFFD.
  // Throws AnalyzerError when an ICU call fails.
  std::vector<Term> index_terms(std::string_view text);

  // The units of a query text, in order; each must match (a CJK chunk of
  // several words by its parts). Throws AnalyzerError.
  std::vector<QueryUnit> query_units(std::string_view text);

  // The exact words of text (the kWord terms without joined compounds).
  // Throws AnalyzerError.
  std::vector<Token> words(std::string_view text);

  // The words of text joined by single spaces: texts that differ only in
  // case, width, accents, punctuation or spacing get the same key.
  std::string words_key(std::string_view text);

  // The normalised form of text: NFKC case folding, accents removed from
  // Latin, Greek and Cyrillic letters (never from kana), format characters
  // (U+200B, U+FEFF, soft hyphen) dropped, ’ read as '.
  std::string normalize(std::string_view text);

  // The language of text judged from its letters' scripts: "ja" when it
  // has kana, else "ko" for mostly Hangul, "zh" for mostly Han, "en" for
  // mostly Latin, "other" for other letters, "" when it has no letters.
  std::string language(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ns
