// Search with Pagefind in Material's search box (the index: scripts/companion/search.py).
//
// Pagefind fetches only the fragments of the index that a query's words need, where Material's
// own search loads the index of the whole site first. The results are shown in Material's result
// list, with the type of each page and, for a claim, its verdict. Where Pagefind is not there (the
// copy read from disk, the quick preview), Material's own search answers, as before.
(function () {
  "use strict";

  var control = window.__companionSearch;  // from search-on-demand.js: holds Material's index back
  var input = document.querySelector(".md-search__input");
  var meta = document.querySelector(".md-search-result__meta");
  var list = document.querySelector(".md-search-result__list");
  var settings = document.getElementById("__config");
  if (!control || !input || !meta || !list || !settings || location.protocol === "file:") {
    if (control) control.useMaterial();
    return;
  }
  var base = new URL(JSON.parse(settings.textContent).base + "/", location.href);
  var VERDICTS = { "supported": "Supported", "needs-nuance": "Needs nuance", "wrong": "Wrong" };
  var pagefind = null;
  var loading = null;
  var latest = 0;

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        pagefind = module;
        // Pagefind (1.5) searches metadata too; the summary is there to be shown, and counting it again
        // (its words are on the page) would lift pages whose summary names a word above those about it.
        return module.options({ baseUrl: base.pathname, excerptLength: 24, ranking: { metaWeights: { summary: 0 } } });
      }).catch(function () {
        pagefind = null;
        control.useMaterial();  // no index here: Material's search takes over, with what was typed
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      });
    }
    return loading;
  }

  // Pagefind's excerpts hold the page's text (escaped) with <mark> around the words found: the text is
  // decoded as a text area's content (which the browser parses as text only: no element, no script)
  // and put into the page as text, never as markup.
  var decoder = document.createElement("textarea");
  function decode(escaped) {
    decoder.innerHTML = escaped;
    return decoder.value;
  }

  function escapeText(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function excerpt(html) {
    var paragraph = document.createElement("p");
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, piece) {
      if (piece === "<mark>") return true;
      if (piece === "</mark>") return false;
      var text = decode(piece);
      var node = marked ? document.createElement("mark") : document.createTextNode(text);
      if (marked) node.textContent = text;
      paragraph.appendChild(node);
      return marked;
    }, false);
    return paragraph;
  }

  function badge(label, kind) {
    var span = document.createElement("span");
    span.className = "badge badge--" + kind;
    span.textContent = label;
    return span;
  }

  function verdictOf(data, anchor) {
    var found = (data.meta.verdicts || "").split(" ").filter(function (pair) {
      return pair.split("=")[0] === anchor;
    })[0];
    return found ? found.split("=")[1] : "";
  }

  function item(url, title, type, text, verdict) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.href = url;
    link.className = "md-search-result__link";
    link.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var kind = document.createElement("p");
    kind.className = "search-type";
    kind.textContent = type;
    if (verdict && VERDICTS[verdict]) {
      kind.appendChild(document.createTextNode(" "));
      kind.appendChild(badge(VERDICTS[verdict], verdict));
    }
    var heading = document.createElement("h1");
    heading.textContent = title;
    article.appendChild(kind);
    article.appendChild(heading);
    article.appendChild(excerpt(text));
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  // A page, under its summary where it has one (otherwise the words around the match), and the claims or
  // glossary entries inside it that the words were found in. The summary is metadata: plain text, which
  // the excerpt's decoding leaves as text, as it does the escaped excerpts.
  function items(data) {
    var type = data.meta.type || "Page";
    var summary = (data.meta.summary || "").trim();
    var out = [item(data.url, data.meta.title, type, summary ? escapeText(summary) : data.excerpt, "")];
    (data.sub_results || []).filter(function (sub) {
      return sub.url !== data.url && sub.anchor && sub.anchor.element !== "h1";  // not the page's own title
    })
      .slice(0, 3).forEach(function (sub) {
        var id = sub.anchor.id || "";
        var claim = /^c\d+$/.test(id);
        var subType = claim ? "Claim" : (type === "Glossary" ? "Glossary term" : type + ", section");
        out.push(item(sub.url, sub.title, subType, sub.excerpt, claim ? verdictOf(data, id) : ""));
      });
    return out;
  }

  function search(query) {
    var id = ++latest;
    if (!query.trim()) {
      meta.textContent = "Type to start searching";
      list.replaceChildren();
      return;
    }
    load().then(function () {
      if (!pagefind || id !== latest) return null;
      return pagefind.debouncedSearch(query, {}, 120);
    }).then(function (found) {
      if (!found || id !== latest) return null;
      return Promise.all(found.results.slice(0, 8).map(function (result) { return result.data(); }))
        .then(function (pages) {
          if (id !== latest) return;
          var count = found.results.length;
          meta.textContent = count === 0 ? "No matching pages" : count === 1 ? "1 matching page" :
            count + " matching pages";
          var rows = [];
          pages.forEach(function (data) { rows = rows.concat(items(data)); });
          list.replaceChildren.apply(list, rows);
        });
    });
  }

  // Typing in the search box goes to Pagefind; Material's own handlers do not see it (they listen on
  // the box itself, which a listener on the document in the capture phase comes before).
  ["input", "keyup"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target !== input || control.material) return;
      if (type === "keyup" && /^(Arrow|Enter|Escape|Tab)/.test(event.key)) return;  // Material's keys
      event.stopImmediatePropagation();
      if (type === "input") search(input.value);
    }, true);
  });
  // Enter opens the first result, as in Material's search.
  input.form.addEventListener("submit", function (event) {
    if (control.material) return;
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  }, true);
  control.onIntent(function () { load(); });
  if (input.value) search(input.value);
})();
