// Dossier: optional enhancements. Every page works without this script; it only adds search over
// the pack, filtering of long tables and paging of long event tables. No network, no eval.
(function () {
  "use strict";

  function text(node) { return (node.textContent || "").toLowerCase(); }

  // The search index (assets/search-index.js, SearchIndex.swift) is loaded when the search box is
  // first used, not with every page: at 10 000 files it is megabytes. A script element, since
  // browsers refuse to fetch files over file://; the CSP's script-src 'self' allows it.
  var FINALS = 26, MORE = "!#$(),;?[]^`{|}";
  var digit = [];
  for (var d = 0; d < MORE.length; d++) digit[MORE.charCodeAt(d)] = d + 1;

  // A string of codes to numbers: continuation marks, then a final letter (SearchCodes in Swift).
  function decode(codes) {
    var out = [], prefix = 0;
    for (var i = 0; i < codes.length; i++) {
      var c = codes.charCodeAt(i);
      if (c >= 97 && c <= 122) { out.push(prefix * FINALS + c - 97); prefix = 0; }
      else prefix = prefix * MORE.length + (digit[c] || 0);
    }
    return out;
  }

  function prepare(data) {
    var words = data.words, pieces = [], owners = [];
    for (var p = 0; p < data.pieces.length; p++) {
      var text = decode(data.pieces[p]).map(function (w) { return words[w]; }).join(" ");
      pieces.push({ text: text, lower: text.toLowerCase() });
      owners.push([]);
    }
    var pages = data.pages.map(function (page, number) {
      var own = decode(page.text);
      own.forEach(function (piece) { if (owners[piece]) owners[piece].push(number); });
      return { title: page.title, kind: page.kind, href: page.href, heading: (page.title + " " + page.kind).toLowerCase(), pieces: own };
    });
    return { pieces: pieces, owners: owners, pages: pages };
  }

  function count(haystack, word) {
    var n = 0;
    for (var at = haystack.indexOf(word); at !== -1; at = haystack.indexOf(word, at + word.length)) n++;
    return n;
  }

  // An identifier (ACC-1, CC6.1, dossier.item.open) met as a whole word, not inside a longer one.
  function wholeIdentifier(lower, word) {
    if (!/[0-9._-]/.test(word)) return false;
    for (var at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
      var before = lower.charAt(at - 1), after = lower.charAt(at + word.length), next = lower.charAt(at + word.length + 1);
      if (/[a-z0-9._-]/.test(before)) continue;
      if (/[a-z0-9_-]/.test(after) || (after === "." && /[a-z0-9]/.test(next))) continue;
      return true;
    }
    return false;
  }

  // Pages holding every word, ranked: all words in the title, then an identifier matched whole,
  // then the body; within a rank, by number of hits.
  function rank(index, words) {
    var perWord = words.map(function (word) {
      var hits = {};
      index.pieces.forEach(function (piece, number) {
        var n = count(piece.lower, word);
        if (n === 0) return;
        // The count is kept with the piece: the page totals below add it up instead of counting again.
        index.owners[number].forEach(function (page) { (hits[page] = hits[page] || []).push({ piece: number, n: n }); });
      });
      return hits;
    });
    var found = [];
    index.pages.forEach(function (page, number) {
      var titled = 0, hits = 0, identifier = false, seen = {};
      for (var w = 0; w < words.length; w++) {
        var inTitle = page.heading.indexOf(words[w]) !== -1, own = perWord[w][number] || [];
        if (!inTitle && own.length === 0) return;
        if (inTitle) titled++;
        own.forEach(function (hit) {
          hits += hit.n;
          if (!identifier && wholeIdentifier(index.pieces[hit.piece].lower, words[w])) identifier = true;
          seen[hit.piece] = true;
        });
      }
      var tier = titled === words.length ? 3 : identifier ? 2 : 1;
      // The snippet is chosen later, for the results shown only.
      found.push({ page: page, tier: tier, hits: hits, order: number, matched: page.pieces.filter(function (p) { return seen[p]; }) });
    });
    return found.sort(function (a, b) { return b.tier - a.tier || b.hits - a.hits || a.order - b.order; });
  }

  // Of the page's matching pieces (in page order), the one with the most of the words, the first on a tie.
  function best(index, matched, words) {
    var chosen = null, most = 0;
    matched.forEach(function (piece) {
      var lower = index.pieces[piece].lower;
      var n = words.filter(function (w) { return lower.indexOf(w) !== -1; }).length;
      if (n > most) { most = n; chosen = index.pieces[piece]; }
    });
    return chosen;
  }

  // The snippet as text nodes and <mark> elements: index text is evidence, never markup.
  function snippet(piece, words) {
    var node = document.createElement("span");
    node.className = "snippet";
    var text = piece.text, lower = piece.lower;
    if (lower.length !== text.length) text = lower;
    var first = words.reduce(function (at, w) { var i = lower.indexOf(w); return i !== -1 && (at === -1 || i < at) ? i : at; }, -1);
    var start = text.length > 160 && first > 60 ? first - 60 : 0, end = Math.min(text.length, start + 160);
    if (start > 0) node.appendChild(document.createTextNode("…"));
    var at = start;
    while (at < end) {
      var next = -1, length = 0;
      words.forEach(function (w) {
        var i = lower.indexOf(w, at);
        if (i !== -1 && i < end && (next === -1 || i < next || (i === next && w.length > length))) { next = i; length = w.length; }
      });
      if (next === -1) { node.appendChild(document.createTextNode(text.slice(at, end))); break; }
      if (next > at) node.appendChild(document.createTextNode(text.slice(at, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, Math.min(next + length, end));
      node.appendChild(mark);
      at = next + length;
    }
    if (end < text.length) node.appendChild(document.createTextNode("…"));
    return node;
  }

  function setUpSearch() {
    var box = document.querySelector(".search");
    if (!box) return;
    var root = box.getAttribute("data-root") || "";
    var input = box.querySelector("input");
    var results = box.querySelector("ul");
    var index = null, loading = false;
    box.hidden = false;

    function note(message) {
      var item = document.createElement("li");
      item.className = "note";
      item.textContent = message;
      results.appendChild(item);
    }

    function show() {
      results.textContent = "";
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length === 0) return;
      if (!index) { note(loading ? "Loading the search index…" : "The search index could not be loaded."); return; }
      var found = rank(index, words);
      found.slice(0, 20).forEach(function (result) {
        // Addresses inside the pack only: an index entry cannot send the reader elsewhere.
        if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(result.page.href)) return;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + result.page.href;
        link.textContent = result.page.title;
        var kind = document.createElement("span");
        kind.textContent = result.page.kind;
        link.appendChild(kind);
        var piece = best(index, result.matched, words);
        if (piece) link.appendChild(snippet(piece, words));
        item.appendChild(link);
        results.appendChild(item);
      });
      if (found.length === 0) note("No page matches.");
      else if (found.length > 20) note(found.length - 20 + " more pages match; add a word to narrow the search.");
    }

    function load() {
      if (index || loading) return;
      loading = true;
      var script = document.createElement("script");
      script.src = root + "assets/search-index.js";
      script.onload = function () {
        loading = false;
        if (window.DOSSIER_SEARCH && Array.isArray(window.DOSSIER_SEARCH.pages)) index = prepare(window.DOSSIER_SEARCH);
        show();
      };
      script.onerror = function () { loading = false; show(); };
      document.head.appendChild(script);
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load(); show(); });
  }

  function setUpFilters() {
    var inputs = document.querySelectorAll("input[data-filter]");
    Array.prototype.forEach.call(inputs, function (input) {
      var table = document.getElementById(input.getAttribute("data-filter"));
      if (!table) return;
      input.parentNode.hidden = false;
      input.addEventListener("input", function () {
        var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          var content = text(row);
          row.hidden = !words.every(function (w) { return content.indexOf(w) !== -1; });
        });
      });
    });
  }

  function setUpPaging() {
    var tables = document.querySelectorAll("table[data-page-size]");
    Array.prototype.forEach.call(tables, function (table) {
      var size = parseInt(table.getAttribute("data-page-size"), 10);
      var rows = table.tBodies[0].rows;
      if (!(size > 0) || rows.length <= size) return;
      var page = 0;
      var pages = Math.ceil(rows.length / size);
      var pager = document.createElement("p");
      pager.className = "pager";
      var previous = document.createElement("button");
      previous.type = "button";
      previous.textContent = "Previous";
      var next = document.createElement("button");
      next.type = "button";
      next.textContent = "Next";
      var label = document.createElement("span");
      label.setAttribute("aria-live", "polite");
      pager.appendChild(previous);
      pager.appendChild(label);
      pager.appendChild(next);
      table.parentNode.insertBefore(pager, table.nextSibling);
      function show() {
        for (var i = 0; i < rows.length; i++) rows[i].hidden = Math.floor(i / size) !== page;
        label.textContent = "Page " + (page + 1) + " of " + pages;
        previous.disabled = page === 0;
        next.disabled = page === pages - 1;
      }
      previous.addEventListener("click", function () { if (page > 0) { page--; show(); } });
      next.addEventListener("click", function () { if (page < pages - 1) { page++; show(); } });
      show();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpSearch();
    setUpFilters();
    setUpPaging();
  });
})();
