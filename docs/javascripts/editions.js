// Editions (scripts/companion/editions.py): on a page of an older edition, a banner that says a newer edition
// exists and links to the same page in the latest site, or says the page is no longer there; and a version
// selector where the theme's own cannot work. Decided here, when the page is read, from the published
// folder's versions.json and the latest site's sitemap.xml, so that an edition's files never change when a
// newer edition appears.
//
// The theme loads this file (overrides/main.html); on pages of editions whose theme predates it, an element
// the editions builder adds loads the latest site's copy. Both say data-edition (the page's edition, "" on the
// latest site) and data-root (the relative address of the folder that holds the latest site, versions.json
// and the editions). Published editions load javascripts/editions.js with these attributes: keep them.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || location.protocol === "file:") return;  // the offline copy has no other editions
  var edition = script.getAttribute("data-edition") || "";
  var root = new URL(script.getAttribute("data-root") || "./", location.href);
  var site = edition ? new URL(edition + "/", root) : root;  // the base of the site this page belongs to

  function parts(version) { return version.split(".").map(Number); }

  // The editions builder writes version numbers (a tag's X.Y.Z) and nothing else: any other entry of
  // versions.json is left out, so that no link the selector or the banner makes can lead to another host
  // ("//elsewhere.example") or another scheme, and one odd entry cannot stop the rest from showing.
  function usable(versions) {
    return versions.filter(function (v) {
      return v && typeof v.version === "string" && /^[0-9]+(\.[0-9]+)*$/.test(v.version);
    });
  }

  function isNewer(a, b) {
    var x = parts(a), y = parts(b);
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) > (y[i] || 0);
    }
    return false;
  }

  function fetched(url, as) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return as === "json" ? response.json() : response.text();
    });
  }

  // This page's path inside its site ("cases/x/"; "" for the home page), or null if it is not in it.
  function pathInSite() {
    var path = location.pathname;
    if (path.indexOf(site.pathname) !== 0) return null;
    return path.slice(site.pathname.length).replace(/(^|\/)index\.html$/, "$1");
  }

  // The paths of a site's pages, from its sitemap.xml. Its addresses are absolute, made with the address
  // the site was built for: they are read relative to the longest folder they share (the home page's).
  function pagesIn(xml) {
    var doc = new DOMParser().parseFromString(xml, "application/xml");
    var locations = Array.prototype.map.call(doc.getElementsByTagName("loc"), function (loc) {
      return loc.textContent.trim();
    });
    if (!locations.length) return null;
    var prefix = locations.reduce(function (shared, url) {
      var n = 0;
      while (n < shared.length && n < url.length && shared[n] === url[n]) n++;
      return shared.slice(0, n);
    });
    prefix = prefix.slice(0, prefix.lastIndexOf("/") + 1);
    var pages = {};
    locations.forEach(function (url) { pages[url.slice(prefix.length)] = true; });
    return pages;
  }

  // Where this page is in another site (base), or null if that site does not have it: its sitemap says,
  // and a page it does not list may still be a redirect (a moved page), which the server answers.
  function samePageIn(base) {
    var path = pathInSite();
    if (path === null) return Promise.resolve(null);
    var target = new URL(path, base);
    return fetched(new URL("sitemap.xml", base), "text").then(function (xml) {
      var pages = pagesIn(xml);
      if (!pages || pages[path]) return target;
      return fetch(target, { method: "HEAD", credentials: "same-origin" }).then(function (response) {
        return response.ok ? target : null;
      });
    }, function () { return target; });  // no sitemap to ask: the same path is the best guess
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function showBanner(newest, target) {
    var banner = document.createElement("div");
    banner.className = "md-banner md-banner--warning edition-banner";
    banner.setAttribute("role", "region");
    banner.setAttribute("aria-label", "Newer edition");
    var inner = document.createElement("div");
    inner.className = "md-banner__inner md-grid md-typeset";
    var text = document.createElement("p");
    text.appendChild(document.createTextNode("You are reading edition " + edition + ", kept as it was published. "
      + "A newer edition (" + newest + ") exists"));
    if (target) {
      var here = link(target.href + location.hash, "Read this page in the latest version");
      window.addEventListener("hashchange", function () { here.href = target.href + location.hash; });
      text.appendChild(document.createTextNode(". "));
      text.appendChild(here);
      text.appendChild(document.createTextNode("."));
    } else {
      text.appendChild(document.createTextNode(", and this page is no longer in the latest version. "));
      text.appendChild(link(root.href, "Go to the latest version's home page"));
      text.appendChild(document.createTextNode("."));
    }
    inner.appendChild(text);
    banner.appendChild(inner);
    var header = document.querySelector("header.md-header");
    document.body.insertBefore(banner, header || document.body.firstChild);
  }

  // Material draws its own selector where the build configured it (an edition's, which finds versions.json
  // at ../versions.json); the latest site sits one folder higher, where Material's would look outside it.
  function materialSelects() {
    var config = document.getElementById("__config");
    try { return !!(config && (JSON.parse(config.textContent).version || {}).provider); } catch (e) { return false; }
  }

  function showSelector(versions) {
    var topic = document.querySelector(".md-header__topic");
    if (!topic || !versions.length || materialSelects()) return;
    var selector = document.createElement("div");
    selector.className = "md-version";
    var current = document.createElement("button");
    current.className = "md-version__current";
    current.textContent = edition || "latest";
    current.setAttribute("aria-label", current.textContent + ": select a version");  // its name starts with what it shows
    var list = document.createElement("ul");
    list.className = "md-version__list";
    var choices = [["latest", root]].concat(versions.map(function (v) {
      return [typeof v.title === "string" && v.title ? v.title : v.version, new URL(v.version + "/", root)];
    }));
    choices.forEach(function (choice) {
      var item = document.createElement("li");
      item.className = "md-version__item";
      var a = link(choice[1].href, choice[0]);
      a.className = "md-version__link";
      // The same page in the chosen version, where it has it; its home page otherwise.
      a.addEventListener("click", function (event) {
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        samePageIn(choice[1]).then(function (target) {
          location.href = target ? target.href + location.hash : choice[1].href;
        });
      });
      item.appendChild(a);
      list.appendChild(item);
    });
    selector.appendChild(current);
    selector.appendChild(list);
    topic.appendChild(selector);
  }

  fetched(new URL("versions.json", root), "json").then(function (versions) {
    if (!Array.isArray(versions)) return;
    versions = usable(versions);
    showSelector(versions);
    if (!edition) return;  // the latest site: nothing is newer
    var newest = versions.map(function (v) { return v.version; }).reduce(function (a, b) { return isNewer(b, a) ? b : a; }, edition);
    if (newest === edition) return;
    samePageIn(root).then(function (target) { showBanner(newest, target); });
  }, function () { /* not published with editions (a preview): nothing to show */ });
})();
