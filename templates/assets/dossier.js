// Dossier: optional enhancements. Every page works without this script; it only adds search over
// the pack, filtering of long tables and paging of long event tables. No network, no eval.
(function () {
  "use strict";

  function text(node) { return (node.textContent || "").toLowerCase(); }

  function setUpSearch() {
    var box = document.querySelector(".search");
    var index = window.DOSSIER_SEARCH;
    if (!box || !Array.isArray(index)) return;
    var root = box.getAttribute("data-root") || "";
    var input = box.querySelector("input");
    var results = box.querySelector("ul");
    box.hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      results.textContent = "";
      if (words.length === 0) return;
      var shown = 0;
      for (var i = 0; i < index.length && shown < 20; i++) {
        var entry = index[i];
        var haystack = (entry.title + " " + entry.kind).toLowerCase();
        if (!words.every(function (w) { return haystack.indexOf(w) !== -1; })) continue;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + entry.href;
        link.textContent = entry.title;
        var kind = document.createElement("span");
        kind.textContent = entry.kind;
        link.appendChild(kind);
        item.appendChild(link);
        results.appendChild(item);
        shown++;
      }
    });
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
