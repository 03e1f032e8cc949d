// The one text analyzer: turns text into terms, the same way for indexing
// and for querying. The only file that knows ICU.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ns {

// Bump whenever the terms produced for some text change: a database built
// by another version is refused until it is rebuilt.
inline constexpr int kAnalyzerVersion = 1;

// Words longer than this (in UTF-8 bytes) are dropped: they are URLs, hashes
// and base64 blobs, never something a reader types.
inline constexpr std::size_t kMaxTermBytes = 64;

struct Token {
  std::string term;        // normalised UTF-8
  std::uint32_t position;  // 1-based, counted in words
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

  // Normalises text (NFKC case folding, accents removed from Latin, Greek
  // and Cyrillic letters, format characters dropped) and splits it into
  // words with ICU's word break rules (dictionary-based for Chinese and
  // Japanese). Punctuation and spaces are not words; possessive "'s" is
  // removed. text must be UTF-8; invalid bytes are read as U+FFFD.
  // Throws AnalyzerError when an ICU call fails.
  std::vector<Token> words(std::string_view text);

  // The normalised form of text, as words() sees it before splitting.
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
