// Case explorer: filters and sorting over a table that is complete without JavaScript. The filters
// live in the address (?threat=…&from=2016), so a view can be bookmarked and shared, and the cases
// shown can be downloaded as CSV or JSON (the site's own files, cut down to the rows shown).
(function () {
  "use strict";

  var FIELDS = ["threat", "kind", "country", "from", "to"];

  function setUp(table) {
    var form = document.querySelector("form.case-filters");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var total = rows.length;

    function words(row, name) {
      return (row.getAttribute("data-" + name) || "").split(" ");
    }

    function visibleIds() {
      return rows.filter(function (row) { return !row.hidden; })
        .map(function (row) { return row.getAttribute("data-id"); });
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

    // The address mirrors the form: the same names, only the fields that are set.
    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      FIELDS.forEach(function (name) {
        var field = form.elements[name], value = params.get(name);
        if (value === null) return;
        if (field.tagName === "SELECT") {
          var known = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
          if (known) field.value = value;
        } else if (/^[0-9]{1,4}$/.test(value)) {
          field.value = value;
        }
      });
    }

    function writeAddress() {
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) {
        var value = form.elements[name].value;
        if (value) params.set(name, value);
      });
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", address);
    }

    function update() {
      filter();
      writeAddress();
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

    // "Download these": the site's own cases.csv and cases.json, keeping the cases shown.
    function save(text, name, type) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: type }));
      link.download = name;
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    }

    function download(format, box) {
      // No prototype: a case called "constructor" must not count as shown because every object has one.
      var ids = visibleIds(), keep = Object.create(null);
      ids.forEach(function (id) { keep[id] = true; });
      var address = box.getAttribute(format === "csv" ? "data-csv" : "data-json");
      fetch(address).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (text) {
        if (format === "csv") {
          // One case per line: no cell of cases.csv holds a line break. The first cell is the id.
          var lines = text.split("\r\n");
          var kept = [lines[0]].concat(lines.slice(1).filter(function (line) {
            return keep[line.split(",", 1)[0]];
          }));
          // The byte-order mark again (decoding the response dropped it): Excel needs it to read UTF-8.
          save("\ufeff" + kept.join("\r\n").replace(/^\ufeff/, "") + "\r\n", "cases.csv", "text/csv;charset=utf-8");
        } else {
          var cases = JSON.parse(text).filter(function (c) { return keep[c.id]; });
          save(JSON.stringify(cases, null, 2) + "\n", "cases.json", "application/json");
        }
        form.elements.shown.value = ids.length + (ids.length === 1 ? " case" : " cases") + " saved as " +
          format.toUpperCase();
      }).catch(function () {
        form.elements.shown.value = "The download could not be made here: use the Downloads page.";
      });
    }

    var box = form.querySelector(".case-download");
    if (box && window.fetch && window.Blob && window.URLSearchParams) {
      box.hidden = false;
      box.querySelectorAll("button[data-download]").forEach(function (button) {
        button.addEventListener("click", function () { download(button.getAttribute("data-download"), box); });
      });
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (window.URLSearchParams) readAddress();
    filter();
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
