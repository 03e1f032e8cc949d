#include "common/analyzer.h"

#include <algorithm>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <xapian.h>

#include "common/errors.h"

namespace ns {
namespace {

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw AnalyzerError(std::string("ICU: ") + what + ": " + u_errorName(status));
  }
}

// Accents are folded only where a reader would type the letter without one
// (café = cafe); Japanese voicing marks and Indic vowel signs carry meaning.
bool folds_accents(UChar32 base) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(base, &status);
  return U_SUCCESS(status) && (script == USCRIPT_LATIN || script == USCRIPT_GREEK ||
                               script == USCRIPT_CYRILLIC || script == USCRIPT_COMMON);
}

// A letter of Chinese, Japanese or Korean text (CJK punctuation is not).
bool is_cjk(UChar32 c) {
  if (!u_isalpha(c) && !u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return false;
  return uscript_hasScript(c, USCRIPT_HAN) || uscript_hasScript(c, USCRIPT_HIRAGANA) ||
         uscript_hasScript(c, USCRIPT_KATAKANA) || uscript_hasScript(c, USCRIPT_HANGUL);
}

bool is_latin_letter(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return u_isalpha(c) && uscript_getScript(c, &status) == USCRIPT_LATIN;
}

bool is_hyphen(UChar32 c) { return c == u'-' || c == 0x2010 || c == 0x2011; }

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::string utf8(UChar32 c) { return utf8(icu::UnicodeString(c)); }

// "u.s" (ICU's word for "U.S.") becomes "us": single letters joined by dots.
void drop_acronym_dots(icu::UnicodeString& word) {
  if (word.length() < 3 || word.indexOf(u'.') < 0) return;
  icu::UnicodeString letters;
  for (int32_t i = 0; i < word.length(); ++i) {
    const bool letter_slot = i % 2 == 0;
    if (letter_slot ? !u_isalpha(word[i]) : word[i] != u'.') return;
    if (letter_slot) letters.append(word[i]);
  }
  word = letters;
}

// One ICU word of the normalised text.
struct Piece {
  std::string term;
  int32_t start;  // UTF-16 offsets in the normalised text
  int32_t end;
  bool latin;  // has Latin letters: stemmed
  bool has_letter;
};

// A space-free stretch of the normalised text, trimmed of punctuation at
// both ends.
struct Chunk {
  int32_t start;
  int32_t end;
  std::uint32_t first_char;  // code point index of start, 0-based
  bool cjk;
};

}  // namespace

struct Analyzer::Impl {
  const icu::Normalizer2* nfkc_casefold = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  std::unique_ptr<icu::BreakIterator> breaker;
  Xapian::Stem stemmer{kStemLanguage};

  icu::UnicodeString normalize(std::string_view text);
  std::vector<Piece> pieces(const icu::UnicodeString& s);
  std::vector<Chunk> chunks(const icu::UnicodeString& s);
};

icu::UnicodeString Analyzer::Impl::normalize(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString input = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  input.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x2019)), icu::UnicodeString(u'\''));
  icu::UnicodeString decomposed = nfd->normalize(input, status);
  check(status, "NFD normalisation");
  icu::UnicodeString stripped;
  UChar32 base = 0;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK && base != 0) {
      if (folds_accents(base)) continue;
    } else {
      base = c;
    }
    stripped.append(c);
  }
  icu::UnicodeString composed = nfc->normalize(stripped, status);
  check(status, "NFC normalisation");
  icu::UnicodeString folded = nfkc_casefold->normalize(composed, status);
  check(status, "NFKC case folding");
  return folded;
}

std::vector<Piece> Analyzer::Impl::pieces(const icu::UnicodeString& s) {
  std::vector<Piece> out;
  breaker->setText(s);
  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    if (breaker->getRuleStatus() == UBRK_WORD_NONE) continue;
    icu::UnicodeString word = s.tempSubStringBetween(start, end);
    if (word.endsWith(icu::UnicodeString(u"'s"))) word.truncate(word.length() - 2);
    drop_acronym_dots(word);
    Piece piece{utf8(word), start, end, false, false};
    if (piece.term.empty() || piece.term.size() > kMaxTermBytes) continue;
    for (int32_t i = 0; i < word.length(); i += U16_LENGTH(word.char32At(i))) {
      UChar32 c = word.char32At(i);
      piece.latin = piece.latin || is_latin_letter(c);
      piece.has_letter = piece.has_letter || u_isalpha(c);
    }
    out.push_back(std::move(piece));
  }
  return out;
}

std::vector<Chunk> Analyzer::Impl::chunks(const icu::UnicodeString& s) {
  std::vector<Chunk> out;
  std::uint32_t index = 0;  // code point index of i
  for (int32_t i = 0; i < s.length();) {
    // Skip white space and leading punctuation.
    UChar32 c = s.char32At(i);
    if (!u_isalnum(c)) {
      i += U16_LENGTH(c);
      ++index;
      continue;
    }
    Chunk chunk{i, i, index, false};
    std::uint32_t last_alnum_index = index;
    int32_t j = i;
    for (std::uint32_t k = index; j < s.length(); ++k) {
      UChar32 d = s.char32At(j);
      if (u_isUWhiteSpace(d)) break;
      j += U16_LENGTH(d);
      if (u_isalnum(d)) {
        chunk.end = j;
        last_alnum_index = k;
      }
      chunk.cjk = chunk.cjk || is_cjk(d);
    }
    out.push_back(chunk);
    index = last_alnum_index + 1;
    i = chunk.end;
  }
  return out;
}

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  check(status, "loading the NFKC_Casefold normaliser");
  impl_->nfd = icu::Normalizer2::getNFDInstance(status);
  check(status, "loading the NFD normaliser");
  impl_->nfc = icu::Normalizer2::getNFCInstance(status);
  check(status, "loading the NFC normaliser");
  impl_->breaker.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  check(status, "creating the word break iterator");
}

Analyzer::~Analyzer() = default;

std::string Analyzer::normalize(std::string_view text) { return utf8(impl_->normalize(text)); }

namespace {

// Groups of pieces joined by single hyphens between words with letters
// ("co-founder", "state-of-the-art"): [first, last] index pairs.
std::vector<std::pair<size_t, size_t>> compounds(const icu::UnicodeString& s,
                                                 const std::vector<Piece>& pieces) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i + 1 < pieces.size();) {
    size_t j = i;
    while (j + 1 < pieces.size() && pieces[j].has_letter && pieces[j + 1].has_letter &&
           pieces[j + 1].start - pieces[j].end == 1 && is_hyphen(s.charAt(pieces[j].end))) {
      ++j;
    }
    if (j > i) out.emplace_back(i, j);
    i = j + 1;
  }
  return out;
}

std::string joined(const std::vector<Piece>& pieces, size_t first, size_t last) {
  std::string out;
  for (size_t k = first; k <= last; ++k) out += pieces[k].term;
  return out;
}

// The characters of s in [start, end) as (code point, 1-based position).
std::vector<std::pair<UChar32, std::uint32_t>> characters(const icu::UnicodeString& s,
                                                          int32_t start, int32_t end,
                                                          std::uint32_t first_index) {
  std::vector<std::pair<UChar32, std::uint32_t>> out;
  std::uint32_t index = first_index;
  for (int32_t i = start; i < end;) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    out.emplace_back(c, ++index);
  }
  return out;
}

// The n-grams a query matches a stretch by: its one letter or digit, or its
// character bigrams in order.
std::vector<std::string> query_ngrams(const icu::UnicodeString& s, int32_t start, int32_t end) {
  std::vector<std::string> out;
  auto chars = characters(s, start, end, 0);
  if (chars.size() == 1) {
    if (u_isalnum(chars[0].first)) out.push_back(utf8(chars[0].first));
    return out;
  }
  for (size_t k = 0; k + 1 < chars.size(); ++k) {
    out.push_back(utf8(chars[k].first) + utf8(chars[k + 1].first));
  }
  return out;
}

// The unit for pieces [first, last) of a CJK chunk spanning [start, end).
QueryUnit cjk_unit(const icu::UnicodeString& s, const std::vector<Piece>& pieces, size_t first,
                   size_t last, int32_t start, int32_t end) {
  QueryUnit unit;
  for (size_t k = first; k < last; ++k) unit.words.push_back(pieces[k].term);
  unit.ngrams = query_ngrams(s, start, end);
  unit.cjk = true;
  return unit;
}

bool single_cjk_character(const icu::UnicodeString& s, const Piece& piece) {
  const UChar32 c = s.char32At(piece.start);
  return piece.start + U16_LENGTH(c) == piece.end && is_cjk(c);
}

// The words of a CJK chunk (pieces [first, last)) as units of their own;
// empty when fewer than two. ICU's dictionary leaves words it does not know
// (港股, 回调) as single characters: a run of them is read as words of two
// characters, the way most Chinese words are written, a last odd one joining
// the word before it.
std::vector<QueryUnit> cjk_parts(const icu::UnicodeString& s, const std::vector<Piece>& pieces,
                                 size_t first, size_t last) {
  std::vector<QueryUnit> parts;
  for (size_t k = first; k < last;) {
    size_t run = k;
    while (run < last && single_cjk_character(s, pieces[run]) &&
           (run == k || pieces[run - 1].end == pieces[run].start)) {
      ++run;
    }
    if (run - k < 2) {  // a word ICU knows, or one character alone
      parts.push_back(cjk_unit(s, pieces, k, k + 1, pieces[k].start, pieces[k].end));
      ++k;
      continue;
    }
    for (size_t end; k < run; k = end) {
      end = run - k == 3 ? run : k + 2;
      parts.push_back(cjk_unit(s, pieces, k, end, pieces[k].start, pieces[end - 1].end));
    }
  }
  if (parts.size() < 2) parts.clear();
  return parts;
}

}  // namespace

std::vector<Term> Analyzer::index_terms(std::string_view text) {
  const icu::UnicodeString s = impl_->normalize(text);
  const std::vector<Piece> pieces = impl_->pieces(s);
  std::vector<Term> terms;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const auto position = static_cast<std::uint32_t>(i + 1);
    terms.push_back({pieces[i].term, TermKind::kWord, position});
    if (pieces[i].latin) terms.push_back({impl_->stemmer(pieces[i].term), TermKind::kStem, 0});
  }
  for (auto [first, last] : compounds(s, pieces)) {
    std::string whole = joined(pieces, first, last);
    if (whole.size() > kMaxTermBytes) continue;  // an id, not a word; its parts are kept
    terms.push_back({whole, TermKind::kWord, static_cast<std::uint32_t>(first + 1)});
    terms.push_back({impl_->stemmer(whole), TermKind::kStem, 0});
  }
  // In Chinese, Japanese or Korean text every chunk gets n-grams, Latin ones
  // too ("iPod touch 4代"): any substring of such a text can be found.
  const std::vector<Chunk> chunks = impl_->chunks(s);
  const bool cjk_text =
      std::any_of(chunks.begin(), chunks.end(), [](const Chunk& c) { return c.cjk; });
  for (const Chunk& chunk : chunks) {
    if (!cjk_text) break;
    auto chars = characters(s, chunk.start, chunk.end, chunk.first_char);
    for (size_t k = 0; k < chars.size(); ++k) {
      if (u_isalnum(chars[k].first)) terms.push_back({utf8(chars[k].first), TermKind::kUnigram, 0});
      if (k + 1 < chars.size()) {
        terms.push_back(
            {utf8(chars[k].first) + utf8(chars[k + 1].first), TermKind::kBigram, chars[k].second});
      }
    }
  }
  return terms;
}

std::vector<QueryUnit> Analyzer::query_units(std::string_view text) {
  const icu::UnicodeString s = impl_->normalize(text);
  const std::vector<Piece> pieces = impl_->pieces(s);
  const auto groups = compounds(s, pieces);
  std::vector<QueryUnit> units;
  size_t p = 0;  // next piece
  for (const Chunk& chunk : impl_->chunks(s)) {
    if (chunk.cjk) {
      const size_t first = p;
      while (p < pieces.size() && pieces[p].start < chunk.end) ++p;
      QueryUnit unit = cjk_unit(s, pieces, first, p, chunk.start, chunk.end);
      unit.parts = cjk_parts(s, pieces, first, p);
      if (!unit.words.empty() || !unit.ngrams.empty()) units.push_back(std::move(unit));
      continue;
    }
    while (p < pieces.size() && pieces[p].start < chunk.end) {
      QueryUnit unit;
      size_t last = p;
      for (auto [first, end] : groups) {
        if (first == p) last = end;
      }
      for (size_t k = p; k <= last; ++k) unit.words.push_back(pieces[k].term);
      if (last > p) {
        unit.joined = joined(pieces, p, last);
        if (unit.joined.size() > kMaxTermBytes) {
          unit.joined.clear();  // never indexed: the words, in order, match it
        } else {
          unit.stems.push_back(impl_->stemmer(unit.joined));
        }
      } else if (pieces[p].latin) {
        unit.stems.push_back(impl_->stemmer(pieces[p].term));
      }
      unit.ngrams = query_ngrams(s, pieces[p].start, pieces[last].end);
      units.push_back(std::move(unit));
      p = last + 1;
    }
  }
  return units;
}

std::vector<Token> Analyzer::words(std::string_view text) {
  std::vector<Token> tokens;
  std::uint32_t position = 0;
  for (Piece& piece : impl_->pieces(impl_->normalize(text))) {
    tokens.push_back(Token{std::move(piece.term), ++position});
  }
  return tokens;
}

std::string Analyzer::words_key(std::string_view text) {
  std::string key;
  for (const Token& t : words(text)) key += (key.empty() ? "" : " ") + t.term;
  return key;
}

std::string Analyzer::language(std::string_view text) {
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  int kana = 0, hangul = 0, han = 0, latin = 0, other = 0;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (!u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
      case USCRIPT_HIRAGANA:
      case USCRIPT_KATAKANA:
        ++kana;
        break;
      case USCRIPT_HANGUL:
        ++hangul;
        break;
      case USCRIPT_HAN:
        ++han;
        break;
      case USCRIPT_LATIN:
        ++latin;
        break;
      default:
        ++other;
    }
  }
  // A CJK character carries about a word; a Latin letter a fifth of one.
  const int latin_weight = latin / 5;
  if (kana > 0 && kana + han >= latin_weight) return "ja";
  if (hangul > 0 && hangul >= han && hangul >= latin_weight) return "ko";
  if (han > 0 && han >= latin_weight) return "zh";
  if (latin > 0 && latin >= other) return "en";
  if (other > 0) return "other";
  return "";
}

}  // namespace ns
