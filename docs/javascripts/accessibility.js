// Fixes to the theme's markup: landmarks and dialogs that axe reports need distinct names, and the
// theme's tooltips for shortened navigation labels must show their text as text.
(function () {
  "use strict";

  // Where a navigation label or the header's page title is cut short, Material copies its visible text
  // into the link's title (`link.title = label.innerText`) and at once builds a tooltip from that title
  // as HTML (Material 9.8, its code for ".md-ellipsis"): a page title from the data holding
  // "<img onerror=…>" would run. Titles set on such labels are escaped as they are set, so the
  // tooltip shows the text itself. Other titles are left as they are.
  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }
  var title = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "title");
  if (title && title.set && title.configurable) {
    Object.defineProperty(HTMLElement.prototype, "title", {
      configurable: true,
      enumerable: title.enumerable,
      get: title.get,
      set: function (value) {
        var shortened = this.matches(".md-ellipsis") || this.querySelector(".md-ellipsis");
        title.set.call(this, shortened ? escapeHtml(String(value)) : value);
      }
    });
  }
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
    // Glossary terms show their definition on hover. With the keyboard, each term's first use on the page is
    // a stop that shows it; its later uses are not, so Tab does not stop on the same term again and again.
    var seen = {};
    document.querySelectorAll(".md-typeset abbr[title]").forEach(function (abbr) {
      var term = abbr.textContent.trim().toLowerCase();
      if (!seen[term]) abbr.tabIndex = 0;
      seen[term] = true;
    });
    // A heading's ¶ link is for copying the heading's address with the mouse; the table of contents already
    // takes keyboard users to every heading, so the ¶ links leave the Tab order.
    document.querySelectorAll(".md-typeset a.headerlink").forEach(function (link) {
      link.tabIndex = -1;
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
