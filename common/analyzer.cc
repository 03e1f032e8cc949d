#include "common/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

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
bool folds_accents(UChar32 base, UErrorCode& status) {
  UScriptCode script = uscript_getScript(base, &status);
  return script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_CYRILLIC ||
         script == USCRIPT_COMMON;
}

}  // namespace

struct Analyzer::Impl {
  const icu::Normalizer2* nfkc_casefold = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  std::unique_ptr<icu::BreakIterator> words;

  icu::UnicodeString normalize(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString input = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    // Typographic apostrophes read as the ASCII one, so "SenseTime’s" and
    // "SenseTime's" analyse alike.
    input.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x2019)), icu::UnicodeString(u'\''));
    icu::UnicodeString decomposed = nfd->normalize(input, status);
    check(status, "NFD normalisation");
    icu::UnicodeString stripped;
    UChar32 base = 0;
    for (int32_t i = 0; i < decomposed.length();) {
      UChar32 c = decomposed.char32At(i);
      i += U16_LENGTH(c);
      if (u_charType(c) == U_NON_SPACING_MARK && base != 0) {
        UErrorCode script_status = U_ZERO_ERROR;
        if (folds_accents(base, script_status) && U_SUCCESS(script_status)) continue;
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
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  check(status, "loading the NFKC_Casefold normaliser");
  impl_->nfd = icu::Normalizer2::getNFDInstance(status);
  check(status, "loading the NFD normaliser");
  impl_->nfc = icu::Normalizer2::getNFCInstance(status);
  check(status, "loading the NFC normaliser");
  impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  check(status, "creating the word break iterator");
}

Analyzer::~Analyzer() = default;

std::string Analyzer::normalize(std::string_view text) {
  std::string out;
  impl_->normalize(text).toUTF8String(out);
  return out;
}

std::string Analyzer::language(std::string_view text) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
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

std::vector<Token> Analyzer::words(std::string_view text) {
  std::vector<Token> tokens;
  icu::UnicodeString normalized = impl_->normalize(text);
  icu::BreakIterator& it = *impl_->words;
  it.setText(normalized);
  std::uint32_t position = 0;
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    if (it.getRuleStatus() == UBRK_WORD_NONE) continue;
    icu::UnicodeString word = normalized.tempSubStringBetween(start, end);
    if (word.endsWith(icu::UnicodeString(u"'s"))) word.truncate(word.length() - 2);
    std::string term;
    word.toUTF8String(term);
    if (term.empty() || term.size() > kMaxTermBytes) continue;
    tokens.push_back(Token{std::move(term), ++position});
  }
  return tokens;
}

}  // namespace ns
