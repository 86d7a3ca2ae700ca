// Fetch Material's search index only if it is needed.
//
// Material requests search/search_index.json (hundreds of KB, growing with every case) as soon
// as any page opens. This script, loaded before Material's, holds that one request back. On the
// published site the search is Pagefind's (search.js), which needs no such index: the request is
// never sent. Where Pagefind is not there (the quick preview), search.js calls useMaterial() and
// the request goes out unchanged. Opened from disk (file://), Material reads the index from a
// script instead, which is not affected. The reader's first reach for search (focusing or opening
// the search field, or one of its keyboard shortcuts) is passed on to search.js, which then loads
// Pagefind.
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = false;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = INDEX.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.searchIndex && !wanted) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  var intended = false;
  var listeners = [];

  function want() {  // the reader reaches for search
    intended = true;
    listeners.forEach(function (listener) { listener(); });
  }

  window.__companionSearch = {
    material: false,
    useMaterial: function () {  // let Material's index load: its search answers from now on
      this.material = true;
      if (wanted) return;
      wanted = true;
      held.forEach(function (request) { send.apply(request[0], request[1]); });
      held = [];
    },
    onIntent: function (listener) {
      listeners.push(listener);
      if (intended) listener();
    }
  };

  // A search link (?q=…) opens the search at once.
  if (/[?&]q=/.test(location.search)) want();
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) want();
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest("label[for='__search'], .md-search")) want();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) want();
  });
  document.addEventListener("keydown", function (event) {
    if (["/", "s", "S", "f", "F"].indexOf(event.key) >= 0) want();  // Material's search shortcuts
  });
})();
