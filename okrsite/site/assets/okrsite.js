/* okrsite: sortable tables and a filterable, collapsible cascade tree. No dependencies,
   served from the site itself (intranets are offline). Works with Material's instant loading. */
(function () {
  "use strict";

  function sortable(table) {
    var heads = table.querySelectorAll("th[data-sort]");
    heads.forEach(function (th, col) {
      th.setAttribute("tabindex", "0");
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var numeric = th.dataset.sort === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index].dataset.value || a.cells[index].textContent;
          var y = b.cells[index].dataset.value || b.cells[index].textContent;
          var r = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, document.documentElement.lang || "ja");
          return asc ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }

  function tree(tools) {
    var root = document.getElementById(tools.dataset.okrTree);
    if (!root) return;
    var scope = root.parentNode;
    var input = tools.querySelector(".okr-tree-tools__filter");
    var status = tools.querySelector(".okr-tree-tools__status");
    tools.hidden = false;
    // NFKC folds what a Japanese IME types (full-width letters and digits, the ideographic space) into what
    // the page holds; every word of the query must occur, in any order
    function fold(text) { return (text || "").normalize("NFKC").toLowerCase(); }
    var empty = tools.querySelector(".okr-tree-empty");
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var s = status.value;
      var nodes = scope.querySelectorAll(".okr-tree li.okr-node");
      nodes.forEach(function (li) { li.classList.remove("okr-hidden"); });
      if (empty) empty.hidden = true;
      if (!words.length && !s) return;
      // a node stays visible when it matches or when something below it matches
      Array.prototype.slice.call(nodes).reverse().forEach(function (li) {
        var text = fold(li.dataset.search);
        var self = words.every(function (w) { return text.indexOf(w) !== -1; }) && (!s || li.dataset.status === s);
        var below = li.querySelector("li.okr-node:not(.okr-hidden)") !== null;
        if (!self && !below) li.classList.add("okr-hidden");
        else if (below) { var d = li.querySelector("details"); if (d) d.open = true; }
      });
      if (empty) empty.hidden = scope.querySelector(".okr-tree li.okr-node:not(.okr-hidden)") !== null;
    }
    input.addEventListener("input", apply);
    status.addEventListener("change", apply);
    tools.querySelector(".okr-tree-tools__expand").addEventListener("click", function () {
      scope.querySelectorAll(".okr-tree details").forEach(function (d) { d.open = true; });
    });
    tools.querySelector(".okr-tree-tools__collapse").addEventListener("click", function () {
      scope.querySelectorAll(".okr-tree details").forEach(function (d) { d.open = false; });
    });
  }

  // learnings and wins: filter by words, unit and tag
  function list(tools) {
    var root = document.getElementById(tools.dataset.okrList);
    if (!root) return;
    var input = tools.querySelector(".okr-list-tools__filter");
    var unit = tools.querySelector(".okr-list-tools__unit");
    var tag = tools.querySelector(".okr-list-tools__tag");
    var empty = tools.querySelector(".okr-tree-empty");
    tools.hidden = false;
    function fold(text) { return (text || "").normalize("NFKC").toLowerCase(); }
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      root.querySelectorAll("li.okr-item").forEach(function (li) {
        var text = fold(li.dataset.search);
        var ok = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
          (!unit.value || li.dataset.unit === unit.value) &&
          (!tag || !tag.value || (" " + li.dataset.tags + " ").indexOf(" " + tag.value + " ") !== -1);
        li.classList.toggle("okr-hidden", !ok);
        if (ok) shown++;
      });
      if (empty) empty.hidden = shown > 0;
    }
    input.addEventListener("input", apply);
    unit.addEventListener("change", apply);
    if (tag) tag.addEventListener("change", apply);
  }

  // A select that shows only the rows of a table whose data-<key> is the chosen value ("" = all).
  function tableFilter(select) {
    var table = document.getElementById(select.dataset.okrTable);
    if (!table) return;
    var key = select.dataset.okrFilter;
    select.hidden = false;
    select.addEventListener("change", function () {
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.hidden = select.value !== "" && (row.dataset[key] || "none") !== select.value;
      });
    });
  }

  function init() {
    document.querySelectorAll("select[data-okr-filter]").forEach(tableFilter);
    document.querySelectorAll("[data-okr-list]").forEach(list);
    document.querySelectorAll("[data-okr-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("table.okr-sortable").forEach(sortable);
    document.querySelectorAll("[data-okr-tree]").forEach(tree);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);  // Material instant loading
  else if (document.readyState !== "loading") init();
  else document.addEventListener("DOMContentLoaded", init);
})();
