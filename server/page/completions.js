"use strict";
// Completions of the last word under the search box, from /api/v1/suggest,
// as an ARIA combobox: arrows move through them, Enter picks, Escape
// closes. Loaded after app.js (uses $, el and searchNow).

const completion = {list: $("completions"), items: [], active: -1, timer: 0, abort: null};

function closeCompletions() {
  clearTimeout(completion.timer);
  if (completion.abort) completion.abort.abort();
  completion.items = [];
  completion.active = -1;
  completion.list.hidden = true;
  completion.list.replaceChildren();
  $("q").setAttribute("aria-expanded", "false");
  $("q").removeAttribute("aria-activedescendant");
}

function showCompletions(suggestions) {
  closeCompletions();
  if (suggestions.length === 0) return;
  completion.items = suggestions;
  suggestions.forEach((s, i) => {
    const li = el("li", "completion");
    li.id = "completion-" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.append(el("span", "text", s.text), el("span", "n", s.articles));
    li.addEventListener("mousedown", (e) => e.preventDefault());  // keep the focus
    li.addEventListener("click", () => pickCompletion(i));
    completion.list.append(li);
  });
  completion.list.hidden = false;
  $("q").setAttribute("aria-expanded", "true");
}

function moveCompletion(step) {
  const n = completion.items.length;
  completion.active = completion.active < 0 && step < 0 ? n - 1 : (completion.active + step + n) % n;
  [...completion.list.children].forEach((li, i) => {
    li.setAttribute("aria-selected", String(i === completion.active));
  });
  $("q").setAttribute("aria-activedescendant", "completion-" + completion.active);
}

function pickCompletion(i) {
  $("q").value = completion.items[i].text;
  searchNow();
}

async function fetchCompletions(text) {
  completion.abort = new AbortController();
  try {
    const url = "/api/v1/suggest?" + new URLSearchParams({q: text});
    const r = await getJson(url, completion.abort.signal);
    if ($("q").value === text && document.activeElement === $("q")) showCompletions(r.suggestions);
  } catch (e) {
    if (e.name !== "AbortError") closeCompletions();
  }
}

$("q").addEventListener("input", () => {
  const text = $("q").value;
  clearTimeout(completion.timer);
  if (completion.abort) completion.abort.abort();
  if (!text.trim() || /\s$/.test(text)) return closeCompletions();
  completion.timer = setTimeout(() => fetchCompletions(text), 120);
});

$("q").addEventListener("keydown", (e) => {
  const open = !completion.list.hidden;
  if (e.key === "ArrowDown" && open) moveCompletion(1);
  else if (e.key === "ArrowUp" && open) moveCompletion(-1);
  else if (e.key === "Enter" && open && completion.active >= 0) pickCompletion(completion.active);
  else if (e.key === "Escape" && open) closeCompletions();
  else {
    if (e.key === "Enter" || e.key === "Tab") closeCompletions();
    return;
  }
  e.preventDefault();
});

$("q").addEventListener("blur", closeCompletions);
