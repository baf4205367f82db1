// EV Digest search: the header's box (overrides/partials/search.html) over the Pagefind
// index that `ev-digest index` writes into the built site (pagefind/).
//
// Pagefind's JS API loads only the index fragments a query needs, so the first search
// on a 50k-article site downloads a few hundred kB, not the whole index. This script
// draws the results in the site's own look: title, date, topic chips and an excerpt
// with the words found marked. `/` focuses the box; the arrow keys choose a result and
// Enter opens it. The site's root is found from this file's own address, so the site
// works under any path (/ev-digest/ under `mkdocs serve`, / on a plain file server).

const ROOT = new URL("../../", import.meta.url);
const SHOWN = 10;
// a query is searched once the box has been left alone this long (ms)
const TYPING_MS = 50;

let engine = null;
let latest = Promise.resolve();
let query = "";

const $ = (selector) => document.querySelector(selector);

// Pagefind's module, loaded when the box is first focused (a page only read loads nothing)
function pagefind() {
  engine ??= import(new URL("pagefind/pagefind.js", ROOT).href).then(async (module) => {
    // noWorker: searching in the page spares a reader the worker's script (41 kB) and
    // start-up, and a query's work is a few ms once the index is loaded
    await module.options({ baseUrl: ROOT.pathname, excerptLength: 24, noWorker: true });
    await module.init();
    return module;
  });
  engine.catch(() => {
    engine = null;
  });
  return engine;
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// an article's topics: a JSON list in its `topics` meta (overrides/main.html)
function parsed(topics) {
  try {
    return topics ? JSON.parse(topics) : [];
  } catch {
    return [];
  }
}

function result(page) {
  const link = element("a", "evd-search__result");
  link.href = page.url;
  link.append(element("span", "evd-search__title", page.meta.title || page.url));
  // the date the article states, as its page shows it; the digest never invents one
  link.append(element("span", "evd-search__date", page.meta.date || "Undated"));
  const topics = parsed(page.meta.topics);
  if (topics.length) {
    const chips = element("span", "evd-search__chips");
    chips.append(...topics.map((topic) => element("span", "evd-search__chip", topic)));
    link.append(chips);
  }
  // Pagefind's excerpt is the page's text, escaped, with the words found in <mark>
  const excerpt = element("span", "evd-search__excerpt");
  excerpt.innerHTML = page.excerpt;
  link.append(excerpt);
  const item = document.createElement("li");
  item.append(link);
  return item;
}

function show(status, items = []) {
  const output = $(".evd-search__output");
  if (!output) return;
  output.querySelector(".evd-search__status").textContent = status;
  output.querySelector(".evd-search__results").replaceChildren(...items);
  output.hidden = false;
}

function close() {
  const output = $(".evd-search__output");
  if (output) output.hidden = true;
}

function counted(total) {
  if (total === 0) return "No story matches";
  const stories = total === 1 ? "1 story matches" : `${total} stories match`;
  return total > SHOWN ? `${stories}; the first ${SHOWN}:` : stories;
}

async function search(text) {
  query = text;
  if (!text.trim()) {
    close();
    return;
  }
  // the pause that lets a typist finish a word runs while Pagefind starts, not after it
  const [module] = await Promise.all([pagefind().catch(() => null), pause(TYPING_MS)]);
  if (text !== query) return; // a newer query took over
  if (module === null) {
    show("Search is not available: this site was built without its index (ev-digest index).");
    return;
  }
  const found = await module.search(text);
  if (text !== query) return;
  const status = counted(found.results.length);
  if (!found.results.length) {
    show(status);
    return;
  }
  // every shown result's fragment is asked for at once; each result is drawn, in rank
  // order, as soon as it and those above it are in, so the first one does not wait for
  // the slowest of ten downloads
  const items = [];
  for (const data of found.results.slice(0, SHOWN).map((hit) => hit.data())) {
    const page = await data;
    if (text !== query) return;
    items.push(result(page));
    show(status, items);
  }
}

function results() {
  return [...document.querySelectorAll(".evd-search__result")];
}

function select(links, index) {
  links.forEach((link, i) => link.setAttribute("aria-selected", String(i === index)));
  if (links[index]) links[index].scrollIntoView({ block: "nearest" });
}

function typing(target) {
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

document.addEventListener("input", (event) => {
  if (event.target.matches(".evd-search__input")) latest = search(event.target.value);
});

document.addEventListener("keydown", async (event) => {
  const input = $(".evd-search__input");
  if (!input) return;
  if (event.key === "/" && !typing(event.target)) {
    event.preventDefault();
    input.focus();
    input.select();
    return;
  }
  if (event.target !== input) return;
  const links = results();
  const current = links.findIndex((link) => link.getAttribute("aria-selected") === "true");
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    select(links, (current + step + links.length) % Math.max(links.length, 1));
  } else if (event.key === "Enter") {
    event.preventDefault();
    await latest; // the results of what was typed, if they are still on their way
    const link = results()[Math.max(current, 0)];
    if (link) {
      link.click();
      input.blur();
    }
  } else if (event.key === "Escape") {
    close();
    input.blur();
  }
});

// focusing the box starts loading Pagefind, while the reader types
document.addEventListener("focusin", (event) => {
  if (!event.target.matches(".evd-search__input")) return;
  pagefind().catch(() => {}); // (a missing index is reported when a query is typed)
  if (event.target.value.trim() && results().length) $(".evd-search__output").hidden = false;
});

// a result opened (Material's instant loading keeps the header) or a click elsewhere
document.addEventListener("click", (event) => {
  if (event.target.closest(".evd-search__result") || !event.target.closest(".evd-search")) {
    close();
  }
});
