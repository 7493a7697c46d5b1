// The search page. Served over HTTP it queries Pagefind's full-text index (pagefind/);
// opened from disk (file://), where browsers block Pagefind's module and WebAssembly
// requests, it searches a small index shipped as a classic script (search/index.js).
// Results are built as DOM nodes from text, never from HTML strings.
(function () {
  "use strict";

  const FILTERS = ["theme", "author", "publisher", "kind"];
  const MAX_RESULTS = 30;
  const script = document.currentScript;
  const root = new URL(script.dataset.root, location.href);
  const form = document.getElementById("search-form");
  const list = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  const mode = document.getElementById("search-mode");
  const offline = location.protocol === "file:" || script.dataset.fullText !== "yes";

  // --- engines: each returns [{title, url, authors, excerpt, claims: [{text, url}]}] ------

  async function pagefindEngine() {
    const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.init();
    // A large digest is indexed in shards: one result list, filters combined.
    for (const folder of (script.dataset.merge || "").split(" ").filter(Boolean)) {
      await pagefind.mergeIndex(new URL(folder, root).href);
    }
    return async function (query, filters) {
      const found = await pagefind.search(query || null, { filters: filters });
      const pages = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
      return pages.map(function (page) {
        return {
          title: page.meta.title,
          url: page.url,
          byline: page.meta.byline || "",
          thesis: page.meta.thesis || "",
          excerpt: query ? page.excerpt : "",
          claims: claimsHit(page),
        };
      });
    };
  }

  // The key claims a hit falls in: each claim is marked in the body with an id (an anchor
  // to Pagefind) and spans as many words from its location as its text has.
  function claimsHit(page) {
    const base = page.url.split("#")[0];
    return page.anchors
      .filter((a) => a.element === "mark" && a.id.startsWith("claim-"))
      .filter(function (a) {
        const end = a.location + a.text.split(/\s+/).filter(Boolean).length;
        return page.locations.some((at) => at >= a.location && at < end);
      })
      .map((a) => ({ text: a.text, url: base + "#" + a.id }));
  }

  function fallbackEngine() {
    return new Promise(function (resolve, reject) {
      const tag = document.createElement("script");
      tag.src = new URL("search/index.js", root).href;
      tag.onload = function () { resolve(localSearch(window.DIGEST_SEARCH || [])); };
      tag.onerror = function () { reject(new Error("search/index.js could not be loaded")); };
      document.head.appendChild(tag);
    });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function localSearch(articles) {
    const prepared = articles.map(function (a) {
      return {
        article: a,
        fields: [
          [fold(a.title), 4],
          [fold(a.authors.join(" ")), 3],
          [fold((a.filters.theme || []).join(" ")), 2],
          [fold(a.thesis), 2],
          [fold(a.claims.map((c) => c.text).join(" ")), 1],
        ],
      };
    });
    return async function (query, filters) {
      const words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const hits = [];
      for (const entry of prepared) {
        const a = entry.article;
        if (!FILTERS.every((f) => !filters[f] || (a.filters[f] || []).includes(filters[f]))) continue;
        let score = 0;
        const everyWord = words.every(function (word) {
          const gained = entry.fields.reduce((sum, [text, weight]) => sum + (text.includes(word) ? weight : 0), 0);
          score += gained;
          return gained > 0;
        });
        if (!everyWord) continue;
        const claims = a.claims.filter((c) => words.length && words.every((w) => fold(c.text).includes(w)));
        hits.push({
          score: score,
          result: {
            title: a.title,
            url: new URL(a.url, root).href,
            byline: a.authors.length ? "By " + a.authors.join(", ") : "",
            thesis: a.thesis,
            excerpt: "",
            claims: claims.map((c) => ({ text: c.text, url: new URL(a.url + "#" + c.anchor, root).href })),
          },
        });
      }
      hits.sort((x, y) => y.score - x.score);
      return hits.slice(0, MAX_RESULTS).map((h) => h.result);
    };
  }

  // --- the page ------------------------------------------------------------------------

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    return node;
  }

  // Pagefind's excerpt marks hits with <mark>; keep those and turn everything else to text.
  function excerptNodes(excerpt) {
    const paragraph = element("p", "", { class: "excerpt" });
    const parsed = new DOMParser().parseFromString(excerpt, "text/html");
    for (const node of parsed.body.childNodes) {
      const isMark = node.nodeName === "MARK";
      paragraph.appendChild(isMark ? element("mark", node.textContent) : document.createTextNode(node.textContent));
    }
    return paragraph;
  }

  function resultItem(result) {
    const item = element("li", "", { class: "search-result" });
    const heading = element("h2", "", { class: "card-title" });
    heading.appendChild(element("a", result.title, { href: result.url }));
    item.appendChild(heading);
    if (result.byline) item.appendChild(element("p", result.byline, { class: "meta" }));
    if (result.thesis) item.appendChild(element("p", result.thesis, { class: "thesis" }));
    if (result.excerpt) item.appendChild(excerptNodes(result.excerpt));
    if (result.claims.length) {
      const claims = element("ul", "", { class: "claims" });
      for (const claim of result.claims) {
        const li = element("li");
        li.appendChild(element("a", claim.text, { href: claim.url }));
        claims.appendChild(li);
      }
      item.appendChild(claims);
    }
    return item;
  }

  function chosen() {
    const data = new FormData(form);
    const filters = {};
    for (const name of FILTERS) {
      if (data.get(name)) filters[name] = data.get(name);
    }
    return { query: (data.get("q") || "").trim(), filters: filters };
  }

  function describe(query, filters) {
    const parts = query ? ["for “" + query + "”"] : [];
    for (const [name, value] of Object.entries(filters)) parts.push(name + " " + value);
    return parts.join(", ");
  }

  let searching = null;

  // Searches can overlap (a filter changed, then Enter): only the latest one shows its results.
  let latest = 0;

  async function run() {
    const ticket = ++latest;
    const { query, filters } = chosen();
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const [name, value] of Object.entries(filters)) params.set(name, value);
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    list.replaceChildren();
    if (!query && !Object.keys(filters).length) {
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    const search = await searching;
    const results = await search(query, filters);
    if (ticket !== latest) return;
    list.replaceChildren(...results.map(resultItem));
    const what = describe(query, filters);
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " result " : " results ") + what + "."
      : "No results " + what + ".";
  }

  function start() {
    if (offline) {
      mode.textContent = location.protocol === "file:"
        ? "Opened from disk: searching titles, authors, themes, theses and key claims. " +
          "Full-text search needs the site served (python build.py --serve, or any web server)."
        : "Searching titles, authors, themes, theses and key claims (this digest has no full-text index).";
      mode.hidden = false;
      searching = fallbackEngine();
    } else {
      searching = pagefindEngine().catch(function () {
        mode.textContent = "The full-text index could not be loaded: searching titles, authors, themes, theses and key claims.";
        mode.hidden = false;
        return fallbackEngine();
      });
    }
    const params = new URLSearchParams(location.search);
    form.elements.q.value = params.get("q") || "";
    for (const name of FILTERS) {
      if (form.elements[name] && params.get(name)) form.elements[name].value = params.get(name);
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    for (const name of FILTERS) {
      if (form.elements[name]) form.elements[name].addEventListener("change", run);
    }
    run();
  }

  start();
})();
