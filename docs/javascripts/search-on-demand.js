// Fetch the search index only when the reader reaches for search.
//
// Material requests search/search_index.json (hundreds of KB, growing with every case) as soon
// as any page opens. This script, loaded before Material's, holds that one request back until
// the reader focuses or opens the search field, or presses one of its keyboard shortcuts; the
// request then goes out unchanged and search works as before. Opened from disk (file://),
// Material reads the index from a script instead, which is not affected.
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

  function want() {
    if (wanted) return;
    wanted = true;
    held.forEach(function (request) { send.apply(request[0], request[1]); });
    held = [];
  }

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
