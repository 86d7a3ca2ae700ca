// Fixes to the theme's markup that axe reports: landmarks and dialogs need distinct names.
(function () {
  "use strict";
  function start() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    // Navigation sections whose label element is empty get the section's name.
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (!label || !label.textContent.trim()) {
        var item = nav.closest("li");
        var name = item && item.querySelector(":scope > label, :scope > a, :scope > div > a");
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", (name && name.textContent.trim()) || "Section");
      }
    });
    // The table of contents names its nested lists after headings, which can equal a section's name.
    document.querySelectorAll(".md-nav--secondary nav.md-nav[aria-label]").forEach(function (nav) {
      nav.setAttribute("aria-label", "Contents: " + nav.getAttribute("aria-label"));
    });
    // Glossary terms show their definition on hover; make them reachable with the keyboard too.
    document.querySelectorAll(".md-typeset abbr[title]").forEach(function (abbr) {
      abbr.tabIndex = 0;
    });
    // Each code block's button bar is a <nav>: number them so each landmark is unique.
    document.querySelectorAll("nav.md-code__nav").forEach(function (nav, index) {
      nav.setAttribute("aria-label", "Code block " + (index + 1) + " actions");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
