"use strict";
// The search page: the whole state lives in the URL (q, filters, since,
// until, sort, offset); every change is a history entry, Back restores the
// previous one, and loading a URL draws the same page. Uses marks.js;
// completions.js adds the completions under the box.

const PAGE_SIZE = 10;
const FILTERS = ["topic", "provider", "site", "lang", "category", "type"];
const FACETS = ["topic", "provider", "lang", "type", "category"];
const FACET_SHOWN = 8;
const FACET_TITLES = {topic: "Topics", provider: "Providers", lang: "Languages",
  type: "Types", category: "Categories"};
const $ = (id) => document.getElementById(id);

let current = null;      // the state drawn
let typing = false;      // the last history entry came from typing: replace it
let searchAbort = null;  // the search request under way
let expandCache = null;  // {key, promise}: the page's hits with folded articles

function stateFromUrl(search) {
  const p = new URLSearchParams(search);
  const filters = [];
  for (const [name, value] of p) if (FILTERS.includes(name) && value) filters.push([name, value]);
  const offset = parseInt(p.get("offset") || "0", 10);
  return {
    q: p.get("q") || "",
    filters,
    since: p.get("since") || "",
    until: p.get("until") || "",
    sort: p.get("sort") === "date" ? "date" : "relevance",
    offset: offset > 0 ? offset : 0,
  };
}

function urlOf(s) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  for (const [name, value] of s.filters) p.append(name, value);
  if (s.since) p.set("since", s.since);
  if (s.until) p.set("until", s.until);
  if (s.sort !== "relevance") p.set("sort", s.sort);
  if (s.offset) p.set("offset", String(s.offset));
  const qs = p.toString();
  return "/" + (qs ? "?" + qs : "");
}

function withChange(s, change) {
  return Object.assign({}, s, {offset: 0}, change);
}

// The API's parameters for s: hits with some of the words too, facets.
function apiParams(s) {
  const p = new URLSearchParams(urlOf(s).slice(2));
  p.set("some_words", "1");
  p.set("limit", String(PAGE_SIZE));
  p.set("facet", FACETS.concat("month").join(","));
  p.set("facet_limit", "120");
  return p;
}

function isEmpty(s) {
  return !s.q.trim() && s.filters.length === 0 && !s.since && !s.until;
}

// Shows s, and records it in history: "push", "replace" or "none" (Back);
// fromTyping: the entry came from typing, and more typing replaces it.
function go(s, how, fromTyping) {
  const url = urlOf(s);
  if (how !== "none") {
    const same = url === location.pathname + location.search;
    history[how === "replace" || same ? "replaceState" : "pushState"](null, "", url);
  }
  typing = Boolean(fromTyping);
  if (how === "push" && !typing) window.scrollTo(0, 0);
  draw(s);
}

// The JSON url answers; its "error" thrown when it fails. A busy server
// (503) is asked once more after the Retry-After it gives (at most 5 s).
async function getJson(url, signal, retried) {
  const res = await fetch(url, {signal, headers: {Accept: "application/json"}});
  if (res.status === 503 && !retried) {
    const seconds = Math.min(5, Number(res.headers.get("Retry-After")) || 1);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    if (signal && signal.aborted) throw new DOMException("aborted", "AbortError");
    return getJson(url, signal, true);
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || `${res.status} ${res.statusText}`);
  return body;
}

async function draw(s) {
  current = s;
  if (document.activeElement !== $("q") || !typing) $("q").value = s.q;
  $("sort").value = s.sort;
  document.title = s.q ? s.q + " · ns search" : "ns search";
  if (searchAbort) searchAbort.abort();
  if (isEmpty(s)) return showNothing();
  searchAbort = new AbortController();
  document.body.classList.add("loading");
  try {
    const result = await getJson("/api/v1/search?" + apiParams(s), searchAbort.signal);
    if (current === s) showResult(s, result);
  } catch (e) {
    if (e.name !== "AbortError" && current === s) showError(e.message);
  } finally {
    if (current === s) document.body.classList.remove("loading");
  }
}

function clearResults() {
  for (const id of ["hits", "pages", "facets", "bars", "axis", "chips"]) $(id).replaceChildren();
  $("didyoumean").hidden = true;
  $("chart").hidden = true;
  $("controls").hidden = true;
}

function showNothing() {
  clearResults();
  $("status").replaceChildren(el("p", "hint", "Type to search the news. Press / to come back here."));
  document.body.classList.remove("loading");
}

function showError(message) {
  clearResults();
  const p = el("p", "error", message);
  p.setAttribute("role", "alert");
  $("status").replaceChildren(p);
  showChips(current);
}

function showResult(s, r) {
  clearResults();
  expandCache = null;
  const listed = r.total + r.total_some;
  const every = (r.total_exact ? "" : "at least ") + r.total.toLocaleString("en");
  let text = `${every} result${r.total === 1 ? "" : "s"}`;
  if (r.total_some > 0) text = `${every} with every word, ${r.total_some.toLocaleString("en")} with some`;
  if (listed === 0) text = "No articles match.";
  $("status").replaceChildren(el("p", "count", text));
  if (r.suggestion) {
    const a = $("suggestion");
    a.textContent = r.suggestion;
    a.href = urlOf(withChange(s, {q: r.suggestion}));
    $("didyoumean").hidden = false;
  }
  showChips(s);
  $("controls").hidden = listed === 0;
  for (const hit of r.hits) $("hits").append(hitItem(hit, true, !r.total_exact));
  $("hits").start = r.offset + 1;
  showPages(s, r.offset, listed, r.total_exact);
  showFacets(s, r.facets || {});
  showChart(s, (r.facets || {}).month);
}

function showChips(s) {
  const chips = $("chips");
  chips.replaceChildren();
  const chip = (label, next) => {
    const a = navLink("chip", label + " ×", next);
    a.setAttribute("aria-label", "Remove filter " + label);
    chips.append(a);
  };
  s.filters.forEach(([name, value], i) => chip(`${name}: ${value}`,
    withChange(s, {filters: s.filters.filter((_, j) => j !== i)})));
  if (s.since && s.since === s.until) {
    chip("month: " + s.since, withChange(s, {since: "", until: ""}));
  } else {
    if (s.since) chip("since: " + s.since, withChange(s, {since: ""}));
    if (s.until) chip("until: " + s.until, withChange(s, {until: ""}));
  }
}

// A link to state next that the page follows itself (Back then returns).
function navLink(className, text, next) {
  const a = el("a", className, text);
  a.href = urlOf(next);
  a.dataset.nav = "1";
  return a;
}

// A hit's list item; top: a hit of the list (not a folded one), whose
// "+N more" is a lower bound when bound.
function hitItem(hit, top, bound) {
  const li = el("li", top ? "hit" : "hit folded-hit");
  const h = el(top ? "h3" : "h4", "title");
  const link = el(safeUrl(hit.url) ? "a" : "span");
  if (safeUrl(hit.url)) link.href = hit.url;
  appendMarked(link, hit.title || hit.url || "(no title)", hit.highlights);
  h.append(link);
  li.append(h, hitMeta(hit));
  if (hit.snippet) li.append(appendMarked(el("p", "snippet"), hit.snippet, hit.highlights));
  if (top && hit.more > 0) li.append(moreButton(hit, li, `+${hit.more}${bound ? " or more" : " more"}`));
  return li;
}

function hitMeta(hit) {
  const meta = el("p", "meta");
  if (hit.date) {
    const t = el("time", null, hit.date.slice(0, 10));
    t.dateTime = hit.date;
    meta.append(t);
  }
  if (hit.provider && hit.provider.name) meta.append(el("span", "provider", hit.provider.name));
  if (hit.quality !== null && hit.quality !== undefined) {
    meta.append(el("span", "quality", "quality " + hit.quality));
  }
  if (hit.all_words === false) meta.append(el("span", "some", "some of the words"));
  if (hit.typo) meta.append(el("span", "some", "with a correction"));
  return meta;
}

function moreButton(hit, li, label) {
  const button = el("button", "more", label);
  button.type = "button";
  button.setAttribute("aria-expanded", "false");
  button.addEventListener("click", async () => {
    const open = li.querySelector(".folded");
    if (open) {
      open.remove();
      button.textContent = label;
      return button.setAttribute("aria-expanded", "false");
    }
    button.disabled = true;
    try {
      const list = el("ul", "folded");
      for (const f of await foldedOf(hit)) list.append(hitItem(f, false));
      li.append(list);
      button.textContent = `hide ${list.children.length}`;
      button.setAttribute("aria-expanded", "true");
    } catch (e) {
      li.append(el("p", "error", e.message));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

// The articles folded into hit: from this page's search with expand=1,
// or, when the index changed meanwhile, the article's whole story.
async function foldedOf(hit) {
  const params = apiParams(current);
  params.set("expand", "1");
  const key = params.toString();
  if (!expandCache || expandCache.key !== key) {
    expandCache = {key, promise: getJson("/api/v1/search?" + key)};
  }
  const page = await expandCache.promise.catch((e) => {
    expandCache = null;
    throw e;
  });
  const same = page.hits.find((h) => h.id === hit.id);
  if (same && same.folded) return same.folded;
  return (await getJson("/api/v1/article/" + encodeURIComponent(hit.id))).story;
}

function showPages(s, offset, listed, exact) {
  const nav = $("pages");
  if (listed <= PAGE_SIZE && offset === 0) return;
  const page = Math.floor(offset / PAGE_SIZE);
  const last = Math.max(page, Math.ceil(listed / PAGE_SIZE) - 1);
  const add = (label, p, aria) => {
    const a = navLink(p === page ? "page current" : "page", label, withChange(s, {offset: p * PAGE_SIZE}));
    if (aria) a.setAttribute("aria-label", aria);
    if (p === page) a.setAttribute("aria-current", "page");
    nav.append(a);
  };
  if (page > 0) add("‹ Previous", page - 1, "Previous page");
  for (let p = Math.max(0, page - 2); p <= Math.min(last, page + 2); p++) {
    add(String(p + 1), p, "Page " + (p + 1));
  }
  if (page < last || !exact) add("Next ›", page + 1, "Next page");
}

function languageName(code) {
  try {
    const name = new Intl.DisplayNames(["en"], {type: "language"}).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch (e) {
    return code;
  }
}

function showFacets(s, facets) {
  const aside = $("facets");
  for (const name of FACETS) {
    const facet = facets[name];
    if (!facet || facet.values.length === 0) continue;
    const section = el("section", "facet");
    const heading = el("h2", null, FACET_TITLES[name]);
    heading.id = "facet-" + name;
    const list = el("ul");
    list.setAttribute("aria-labelledby", heading.id);
    // The first few values, the others on asking (not for one or two).
    const shown = facet.values.length > FACET_SHOWN + 2 ? FACET_SHOWN : Infinity;
    for (const {value, count} of facet.values) {
      const active = s.filters.some(([n, v]) => n === name && v === value);
      const next = active ? withChange(s, {filters: s.filters.filter(([n, v]) => !(n === name && v === value))})
        : withChange(s, {filters: s.filters.concat([[name, value]])});
      const a = navLink(active ? "value active" : "value", null, next);
      a.dataset.facet = name;
      a.dataset.value = value;
      if (active) a.setAttribute("aria-current", "true");
      const label = name === "lang" ? languageName(value) : value;
      a.append(el("span", "label", label), el("span", "n", count));
      a.setAttribute("aria-label", `${label}: ${count}${active ? " (active filter: remove)" : ""}`);
      const li = el("li");
      li.hidden = list.children.length >= shown && !active;
      li.append(a);
      list.append(li);
    }
    section.append(heading, list);
    const hidden = list.querySelectorAll("li[hidden]");
    if (hidden.length > 0) section.append(showAllButton(list, hidden));
    aside.append(section);
  }
}

// A button showing a facet's values past the first few, and hiding them again.
function showAllButton(list, hidden) {
  const label = `${hidden.length} more`;
  const button = el("button", "show-all", label);
  button.type = "button";
  button.setAttribute("aria-expanded", "false");
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    for (const li of hidden) li.hidden = !open;
    button.textContent = open ? "fewer" : label;
    button.setAttribute("aria-expanded", String(open));
  });
  return button;
}

// Every month from the first to the last with a count, gaps as zero: at
// least a year (a time line even for one month) but none before since, at
// most the last 50 years.
function monthsBetween(values, since) {
  const counts = new Map(values.map((v) => [v.value, v.count]));
  const sorted = values.map((v) => v.value).filter((v) => /^\d{4}-\d\d$/.test(v)).sort();
  if (sorted.length === 0) return [];
  const index = (key) => Number(key.slice(0, 4)) * 12 + Number(key.slice(5)) - 1;
  const last = index(sorted[sorted.length - 1]);
  const out = [];
  let first = Math.min(index(sorted[0]), last - 11);
  if (/^\d{4}-\d\d/.test(since)) first = Math.max(first, Math.min(index(since), index(sorted[0])));
  for (let i = Math.max(last - 599, first); i <= last; i++) {
    const key = `${Math.floor(i / 12)}-${String(i % 12 + 1).padStart(2, "0")}`;
    out.push({value: key, count: counts.get(key) || 0});
  }
  return out;
}

function showChart(s, facet) {
  const months = facet ? monthsBetween(facet.values, s.since) : [];
  if (months.length === 0) return;
  const max = Math.max(...months.map((v) => v.count));
  const bars = $("bars");
  for (const {value, count} of months) {
    const label = `${value}: ${count} article${count === 1 ? "" : "s"}`;
    const bar = count > 0 ? navLink("bar", null, withChange(s, {since: value, until: value}))
      : el("span", "bar");
    bar.title = label;
    bar.setAttribute("aria-label", label);
    const fill = el("span", "fill");
    fill.style.height = (count === 0 ? 0 : Math.max(4, Math.round(100 * count / max))) + "%";
    bar.append(fill);
    bars.append(bar);
  }
  $("axis").append(el("span", null, months[0].value), el("span", null, months[months.length - 1].value));
  $("chart").hidden = false;
}

document.addEventListener("click", (e) => {
  const a = e.target.closest("a[data-nav], #suggestion");
  if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  go(stateFromUrl(new URL(a.href).search), "push");
});

document.addEventListener("keydown", (e) => {
  const tag = e.target.tagName;
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey ||
      tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
  e.preventDefault();
  $("q").focus();
  $("q").select();
});

$("sort").addEventListener("change", () => go(withChange(current, {sort: $("sort").value}), "push"));

window.addEventListener("popstate", () => {
  closeCompletions();
  go(stateFromUrl(location.search), "none");
});

// Search as you type: the first change of a burst of typing (no pause of
// 2 s) is a new history entry, the next ones replace it.
let typeTimer = 0;
let typedAt = 0;
$("q").addEventListener("input", () => {
  clearTimeout(typeTimer);
  const burst = typing && Date.now() - typedAt < 2000;
  typedAt = Date.now();
  typeTimer = setTimeout(() => {
    const next = withChange(current, {q: $("q").value});
    if (next.q !== current.q) go(next, burst ? "replace" : "push", true);
  }, 250);
});

// Searches for what the box holds now (Enter, a completion picked).
function searchNow() {
  clearTimeout(typeTimer);
  closeCompletions();
  go(withChange(current, {q: $("q").value}), typing ? "replace" : "push");
}

$("search").addEventListener("submit", (e) => {
  e.preventDefault();
  searchNow();
});

go(stateFromUrl(location.search), "none");
