// Cite boxes: put today's date where a citation asks for the access date, and copy citations.
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var today = new Date();
  var y = String(today.getFullYear());
  var m = ("0" + (today.getMonth() + 1)).slice(-2);
  var d = ("0" + today.getDate()).slice(-2);

  // The styles format the access date like the placeholder they were given (1 January 1900).
  function styled(pattern) {
    var month = MONTHS[today.getMonth()];
    var short = month.length > 4 ? month.slice(0, 3) + "." : month;
    return pattern
      .replace("January", "\u0000").replace("Jan.", "\u0001")
      .replace("1900", y).replace(/\b1\b/, String(today.getDate()))
      .replace("\u0000", month).replace("\u0001", short)
      .replace("1900-01-01", y + "-" + m + "-" + d);
  }

  function withAccessDate(format, text) {
    if (format === "bibtex") return text.replace(/\n\}\s*$/, ",\n\turldate = {" + y + "-" + m + "-" + d + "}\n}");
    if (format === "ris") return text.replace(/^ER {2}- ?$/m, "Y2  - " + y + "/" + m + "/" + d + "/\nER  - ");
    if (format === "csl-json") {
      var items = JSON.parse(text);
      items.forEach(function (item) { item.accessed = { "date-parts": [[+y, +m, +d]] }; });
      return JSON.stringify(items, null, 2);
    }
    return text;
  }

  function fillDates(root) {
    root.querySelectorAll(".cite-box .accessed").forEach(function (span) {
      span.textContent = styled(span.getAttribute("data-pattern"));
    });
    // The exports are written without an access date (text taken without this script must not hold
    // a placeholder): add today's in each format's own field.
    root.querySelectorAll(".cite-box pre.cite-export[data-accessed]").forEach(function (code) {
      code.textContent = withAccessDate(code.getAttribute("data-format"), code.textContent);
      code.removeAttribute("data-accessed");
    });
  }

  // Where copying is not possible (no Clipboard API, or the browser refuses), the citation is selected
  // instead and the reader is told to copy it themselves: copying never fails silently.
  function selectForCopying(citation, status) {
    var range = document.createRange();
    range.selectNodeContents(citation);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    status.textContent = "Copying is blocked here: the citation is selected, press Ctrl+C (\u2318C on a Mac) to copy it.";
  }

  function copy(citation, button, status) {
    var plain = citation.innerText.trim();
    var done = function () {
      button.textContent = "Copied";
      status.textContent = "Copied to the clipboard.";
      setTimeout(function () { button.textContent = "Copy"; status.textContent = ""; }, 2000);
    };
    var failed = function () { selectForCopying(citation, status); };
    if (!navigator.clipboard) {
      failed();
    } else if (citation.tagName === "PRE") {
      navigator.clipboard.writeText(citation.textContent).then(done, failed);  // BibTeX, RIS, CSL-JSON: text only
    } else if (window.ClipboardItem) {
      var item = new ClipboardItem({
        "text/plain": new Blob([plain], { type: "text/plain" }),
        "text/html": new Blob([citation.innerHTML], { type: "text/html" })
      });
      navigator.clipboard.write([item]).then(done, function () {
        navigator.clipboard.writeText(plain).then(done, failed);
      });
    } else {
      navigator.clipboard.writeText(plain).then(done, failed);
    }
  }

  function addCopyButtons(root) {
    root.querySelectorAll(".cite-box p.citation, .cite-box pre.cite-export").forEach(function (citation) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button copy-citation";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy this citation");
      var status = document.createElement("span");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () { copy(citation, button, status); });
      citation.insertAdjacentElement("afterend", button);
      button.insertAdjacentElement("afterend", status);
    });
  }

  // The reader's format is remembered (in this browser only) and chosen in every box on every page.
  var STORE = "citation-format";

  function remembered() {
    try { return window.localStorage.getItem(STORE); } catch (e) { return null; }
  }

  function remember(label) {
    try { window.localStorage.setItem(STORE, label); } catch (e) { /* storage blocked: choose per page */ }
  }

  function choose(label) {
    document.querySelectorAll(".cite-formats > label").forEach(function (tab) {
      if (tab.textContent === label) {
        var input = document.getElementById(tab.getAttribute("for"));
        if (input) input.checked = true;
      }
    });
    var form = document.querySelector("form.style-switch");
    if (form) {
      Array.prototype.forEach.call(form.elements.style.options, function (option) {
        if (option.textContent === label) {
          form.elements.style.value = option.value;
          showStyle(option.value);
          document.body.setAttribute("data-citation-style", option.value);
        }
      });
    }
  }

  // The references list keeps the styles not shown in <template>s (the page opens faster): a style's
  // entries are put into the page the first time it is chosen. The entries are the site's own markup.
  function showStyle(style) {
    document.querySelectorAll('.styled-reference > template[data-style="' + style + '"]').forEach(function (t) {
      t.replaceWith(t.content.cloneNode(true));
    });
  }

  function rememberChoices(root) {
    root.querySelectorAll(".cite-formats > input").forEach(function (input) {
      input.addEventListener("change", function () {
        var tab = root.querySelector('label[for="' + input.id + '"]');
        if (tab) { remember(tab.textContent); choose(tab.textContent); }
      });
    });
    var saved = remembered();
    if (saved) choose(saved);
  }

  // The references page: show the bibliography in the chosen style.
  function styleSwitch(root) {
    var form = root.querySelector("form.style-switch");
    if (!form) return;
    form.hidden = false;
    form.elements.style.addEventListener("change", function () {
      var option = form.elements.style.options[form.elements.style.selectedIndex];
      remember(option.textContent);
      choose(option.textContent);
    });
  }

  function prepare(box) {
    fillDates(box);
    addCopyButtons(box);
  }

  // A section page has a folded "Cite this claim" box per claim: each is prepared when it is
  // first opened, so opening the page does not wait for them.
  function start() {
    document.querySelectorAll(".cite-box").forEach(function (box) {
      var folded = box.closest("details:not([open])");
      if (folded) {
        folded.addEventListener("toggle", function () { prepare(box); }, { once: true });
      } else {
        prepare(box);
      }
    });
    styleSwitch(document);
    rememberChoices(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
