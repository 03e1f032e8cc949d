#include "searcher/snippets.h"

#include <algorithm>
#include <utility>

namespace ns {
namespace {

// MSet::snippet writes HTML: &, < and > come back escaped.
std::string html_unescaped(const std::string& text) {
  static const std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [entity, c] : kEntities) {
      if (text.compare(i, entity.size(), entity) == 0) {
        out += c;
        i += entity.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

// text with the words the query matched marked by Xapian; at most length
// bytes of it, the best part, when it is longer.
std::string xapian_marked(const Xapian::MSet& mset, const std::string& text, size_t length) {
  // One a thread: a Xapian::Stem's reference count is not atomic, and
  // ns-serve marks snippets on several threads at once.
  thread_local const Xapian::Stem kStemmer(kStemLanguage);
  // Of a longer text, the part with the most query words is shown (else
  // its start). Not Xapian's background model: it looks up the frequency of
  // every word of the text, most of a one-shot query's block reads (docs/
  // benchmarks.md, "Speed").
  const unsigned flags = Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_CJK_NGRAM;
  // Marks already in the text are dropped: only ours mark words.
  return html_unescaped(mset.snippet(render_marks(text, "", ""), length, kStemmer, flags,
                                     std::string(kMarkOpen), std::string(kMarkClose), "…"));
}

// text with every occurrence of words marked, outside the marks it has.
std::string mark_words(const std::string& text, const std::vector<std::string>& words) {
  if (words.empty()) return text;
  std::string out;
  bool inside = false;
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, kMarkOpen.size(), kMarkOpen) == 0) inside = true;
    if (text.compare(i, kMarkClose.size(), kMarkClose) == 0) inside = false;
    const auto word = std::find_if(words.begin(), words.end(), [&](const std::string& w) {
      return !inside && text.compare(i, w.size(), w) == 0;
    });
    if (word == words.end()) {
      out += text[i++];
      continue;
    }
    out.append(kMarkOpen).append(*word).append(kMarkClose);
    i += word->size();
  }
  // Neighbouring marked words as one: センス and タイム as センスタイム.
  const std::string seam = std::string(kMarkClose) + std::string(kMarkOpen);
  for (size_t at = out.find(seam); at != std::string::npos; at = out.find(seam, at)) {
    out.erase(at, seam.size());
  }
  return out;
}

}  // namespace

std::string render_marks(std::string_view text, std::string_view open, std::string_view close) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, kMarkOpen.size(), kMarkOpen) == 0) {
      out += open;
      i += kMarkOpen.size();
    } else if (text.compare(i, kMarkClose.size(), kMarkClose) == 0) {
      out += close;
      i += kMarkClose.size();
    } else {
      out += text[i++];
    }
  }
  return out;
}

void add_marked_words(std::string_view text, std::vector<std::string>& words) {
  for (size_t open = text.find(kMarkOpen); open != std::string_view::npos;
       open = text.find(kMarkOpen, open + 1)) {
    const size_t start = open + kMarkOpen.size();
    const size_t close = text.find(kMarkClose, start);
    if (close == std::string_view::npos) return;
    const std::string word(text.substr(start, close - start));
    if (!word.empty() && std::find(words.begin(), words.end(), word) == words.end()) {
      words.push_back(word);
    }
  }
}

std::vector<std::string> cjk_words(const std::string& query, Analyzer& analyzer) {
  std::vector<std::string> out;
  for (const QueryUnit& unit : analyzer.query_units(query)) {
    if (!unit.cjk) continue;
    for (const QueryUnit& part : unit.parts.empty() ? std::vector<QueryUnit>{unit} : unit.parts) {
      std::string word;
      for (const std::string& w : part.words) word += w;
      if (!word.empty()) out.push_back(word);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

std::string marked(const Xapian::MSet& mset, const std::string& text, size_t length,
                   const std::vector<std::string>& cjk) {
  return mark_words(xapian_marked(mset, text, length), cjk);
}

}  // namespace ns
