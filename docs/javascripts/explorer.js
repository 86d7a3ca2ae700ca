// Case explorer: filters and sorting over a table that is complete without JavaScript.
(function () {
  "use strict";

  function setUp(table) {
    var form = document.querySelector("form.case-filters");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var total = rows.length;

    function words(row, name) {
      return (row.getAttribute("data-" + name) || "").split(" ");
    }

    function filter() {
      var f = form.elements;
      var threat = f.threat.value, kind = f.kind.value, country = f.country.value;
      var from = parseInt(f.from.value, 10), to = parseInt(f.to.value, 10);
      var shown = 0;
      rows.forEach(function (row) {
        var start = parseInt(row.getAttribute("data-start").slice(0, 4), 10);
        var end = parseInt(row.getAttribute("data-end").slice(0, 4), 10);
        var visible =
          (!threat || words(row, "threats").indexOf(threat) !== -1) &&
          (!kind || row.getAttribute("data-kind") === kind) &&
          (!country || words(row, "countries").indexOf(country) !== -1) &&
          (isNaN(from) || end >= from) &&
          (isNaN(to) || start <= to);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      f.shown.value = shown === total
        ? total + (total === 1 ? " case" : " cases")
        : shown + " of " + total + " cases";
    }

    function sortBy(header) {
      var key = header.getAttribute("data-sort");
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th[data-sort]").forEach(function (th) {
        th.setAttribute("aria-sort", "none");
      });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.getAttribute("data-" + key), y = b.getAttribute("data-" + key);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }

    // Sort buttons go inside the headers, so they work with the keyboard too.
    table.querySelectorAll("th[data-sort]").forEach(function (header) {
      var label = header.textContent;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = label;
      button.setAttribute("aria-label", "Sort by " + label.toLowerCase());
      button.addEventListener("click", function () { sortBy(header); });
      header.textContent = "";
      header.appendChild(button);
    });

    form.addEventListener("input", filter);
    form.addEventListener("change", filter);
    form.addEventListener("reset", function () { setTimeout(filter, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  function start() {
    var table = document.getElementById("case-explorer");
    if (table && document.querySelector("form.case-filters")) setUp(table);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
