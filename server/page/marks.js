"use strict";
// DOM building for the search page: every text that comes from an article
// goes in as a text node (textContent), never as markup, so a title like
// <img src=x onerror=alert(1)> shows as those characters.

// Chinese, Japanese and Korean words are marked wherever they occur; other
// words only whole (not "ai" inside "said").
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// A global regular expression finding any of words (longest first), or
// null when there are none.
function highlighter(words) {
  const parts = [...new Set(words || [])].filter((w) => w.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((w) => CJK.test(w) ? escapeRegExp(w)
      : "(?<![\\p{L}\\p{N}])" + escapeRegExp(w) + "(?![\\p{L}\\p{N}])");
  if (parts.length === 0) return null;
  try {
    return new RegExp(parts.join("|"), "giu");
  } catch (e) {
    return null;
  }
}

// Appends text to parent, each of words in it wrapped in <mark>; returns parent.
function appendMarked(parent, text, words) {
  const re = highlighter(words);
  let last = 0;
  if (re) {
    for (const m of text.matchAll(re)) {
      if (m.index > last) parent.append(document.createTextNode(text.slice(last, m.index)));
      parent.append(el("mark", null, m[0]));
      last = m.index + m[0].length;
    }
  }
  if (last < text.length) parent.append(document.createTextNode(text.slice(last)));
  return parent;
}

// A new element: tag, its class (or null) and its text (set as textContent).
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// Whether url may be a link's href: http and https only (no javascript:).
function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url);
}
