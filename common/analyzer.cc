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
  bool cjk;  // has Chinese, Japanese or Korean letters (ICU splits a word
            // where the script changes: "商汤科技SenseTime", "타이거JK")
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
    Piece piece{utf8(word), start, end, false, false, false};
    if (piece.term.empty() || piece.term.size() > kMaxTermBytes) continue;
    for (int32_t i = 0; i < word.length(); i += U16_LENGTH(word.char32At(i))) {
      UChar32 c = word.char32At(i);
      piece.latin = piece.latin || is_latin_letter(c);
      piece.has_letter = piece.has_letter || u_isalpha(c);
      piece.cjk = piece.cjk || is_cjk(c);
    }
    out.push_back(std::move(piece));
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

// Groups of pieces joined by single hyphens between words with letters,
// CJK text aside ("co-founder", "state-of-the-art"): [first, last] index
// pairs.
std::vector<std::pair<size_t, size_t>> compounds(const icu::UnicodeString& s,
                                                 const std::vector<Piece>& pieces) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i + 1 < pieces.size();) {
    size_t j = i;
    while (j + 1 < pieces.size() && pieces[j].has_letter && pieces[j + 1].has_letter &&
           !pieces[j].cjk && !pieces[j + 1].cjk &&
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

// The letter and digit runs of a word that has both ("iphone13": iphone,
// 13; "x86_64": x, 86, 64), as Lucene's word-delimiter filter splits them;
// a number keeps its inner dots and commas ("3.5g": 3.5, g). Empty for a
// word of letters or digits alone, or of CJK characters.
std::vector<std::string> letter_digit_runs(const Piece& piece) {
  std::vector<std::string> runs;
  if (piece.cjk || !piece.has_letter) return runs;
  const icu::UnicodeString word = icu::UnicodeString::fromUTF8(piece.term);
  icu::UnicodeString run;
  int kind = 0;  // of run: 1 letters, 2 digits
  bool digits = false;
  for (int32_t i = 0; i < word.length();) {
    const UChar32 c = word.char32At(i);
    i += U16_LENGTH(c);
    const bool inner_mark = kind == 2 && (c == u'.' || c == u',') && i < word.length() &&
                            u_isdigit(word.char32At(i));
    // A mark (a vowel sign, a virama) is part of its letter: कोविड is one run.
    const bool letter = u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
    const int k = letter ? 1 : u_isdigit(c) ? 2 : inner_mark ? 2 : 0;
    digits = digits || u_isdigit(c);
    if (k != kind && !run.isEmpty()) {
      runs.push_back(utf8(run));
      run.remove();
    }
    kind = k;
    if (k != 0) run.append(c);
  }
  if (!run.isEmpty()) runs.push_back(utf8(run));
  if (!digits || runs.size() < 2) runs.clear();
  return runs;
}

// The exact words a piece is indexed as, in order: its letter and digit
// runs, or itself.
std::vector<std::string> piece_words(const Piece& piece) {
  std::vector<std::string> runs = letter_digit_runs(piece);
  if (runs.empty()) runs.push_back(piece.term);
  return runs;
}

bool has_latin(const std::string& word) {
  const icu::UnicodeString w = icu::UnicodeString::fromUTF8(word);
  for (int32_t i = 0; i < w.length(); i += U16_LENGTH(w.char32At(i))) {
    if (is_latin_letter(w.char32At(i))) return true;
  }
  return false;
}

// The characters of s in [start, end) as code points.
std::vector<UChar32> characters(const icu::UnicodeString& s, int32_t start, int32_t end) {
  std::vector<UChar32> out;
  for (int32_t i = start; i < end;) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    out.push_back(c);
  }
  return out;
}

// The n-grams a query matches a run of CJK characters by: its one
// character, or its character bigrams in order.
std::vector<std::string> query_ngrams(const icu::UnicodeString& s, int32_t start, int32_t end) {
  std::vector<std::string> out;
  const std::vector<UChar32> chars = characters(s, start, end);
  if (chars.size() == 1) {
    if (is_cjk(chars[0])) out.push_back(utf8(chars[0]));
    return out;
  }
  for (size_t k = 0; k + 1 < chars.size(); ++k) {
    if (!is_cjk(chars[k]) || !is_cjk(chars[k + 1])) return {};  // not indexed as n-grams
    out.push_back(utf8(chars[k]) + utf8(chars[k + 1]));
  }
  return out;
}

// The unit for pieces [first, last) of a CJK run spanning [start, end).
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

// The words of a CJK run (pieces [first, last)) as units of their own;
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

// The unit of pieces [first, last] (one word, or a hyphenated compound):
// its exact words, its joined form when it has several, and its stem.
QueryUnit word_unit(const std::vector<Piece>& pieces, size_t first, size_t last,
                    Xapian::Stem& stemmer) {
  QueryUnit unit;
  for (size_t k = first; k <= last; ++k) {
    for (std::string& w : piece_words(pieces[k])) unit.words.push_back(std::move(w));
  }
  if (unit.words.size() > 1) {
    unit.joined = joined(pieces, first, last);
    if (unit.joined.size() > kMaxTermBytes) {
      unit.joined.clear();  // never indexed: the words, in order, match it
    } else {
      unit.stems.push_back(stemmer(unit.joined));
    }
  } else if (pieces[first].latin) {
    unit.stems.push_back(stemmer(pieces[first].term));
  }
  return unit;
}

}  // namespace

std::vector<Term> Analyzer::index_terms(std::string_view text) {
  const icu::UnicodeString s = impl_->normalize(text);
  const std::vector<Piece> pieces = impl_->pieces(s);
  std::vector<Term> terms;
  std::vector<std::uint32_t> first_position(pieces.size());
  std::uint32_t position = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    first_position[i] = position + 1;
    const std::vector<std::string> words = piece_words(pieces[i]);
    for (const std::string& word : words) {
      terms.push_back({word, TermKind::kWord, ++position, pieces[i].cjk});
      if (pieces[i].latin && has_latin(word)) {
        terms.push_back({impl_->stemmer(word), TermKind::kStem, 0});
      }
    }
    if (words.size() > 1) {
      terms.push_back({pieces[i].term, TermKind::kJoined, first_position[i]});
      terms.push_back({impl_->stemmer(pieces[i].term), TermKind::kStem, 0});
    }
  }
  for (auto [first, last] : compounds(s, pieces)) {
    std::string whole = joined(pieces, first, last);
    if (whole.size() > kMaxTermBytes) continue;  // an id, not a word; its parts are kept
    terms.push_back({whole, TermKind::kJoined, first_position[first]});
    terms.push_back({impl_->stemmer(whole), TermKind::kStem, 0});
  }
  // Each CJK character, and each pair of neighbouring ones (positions
  // count characters), so any substring of CJK text can be found. Latin,
  // Greek and Cyrillic text, even inside CJK text, is found by its words.
  const std::vector<UChar32> chars = characters(s, 0, s.length());
  for (size_t k = 0; k < chars.size(); ++k) {
    if (!is_cjk(chars[k])) continue;
    terms.push_back({utf8(chars[k]), TermKind::kUnigram, 0, true});
    if (k + 1 < chars.size() && is_cjk(chars[k + 1])) {
      terms.push_back({utf8(chars[k]) + utf8(chars[k + 1]), TermKind::kBigram,
                       static_cast<std::uint32_t>(k + 1), true});
    }
  }
  return terms;
}

std::vector<QueryUnit> Analyzer::query_units(std::string_view text) {
  const icu::UnicodeString s = impl_->normalize(text);
  const std::vector<Piece> pieces = impl_->pieces(s);
  const auto groups = compounds(s, pieces);
  std::vector<QueryUnit> units;
  for (size_t p = 0; p < pieces.size();) {
    if (pieces[p].cjk) {  // a run of touching CJK words
      const size_t first = p;
      while (++p < pieces.size() && pieces[p].cjk && pieces[p - 1].end == pieces[p].start) {
      }
      QueryUnit unit = cjk_unit(s, pieces, first, p, pieces[first].start, pieces[p - 1].end);
      unit.parts = cjk_parts(s, pieces, first, p);
      units.push_back(std::move(unit));
      continue;
    }
    size_t last = p;
    for (auto [first, end] : groups) {
      if (first == p) last = end;
    }
    units.push_back(word_unit(pieces, p, last, impl_->stemmer));
    p = last + 1;
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
