// Formats CSL-JSON items with citeproc-js, each item alone, as the tests' reference processor.
// stdin: {"style": "<CSL XML>", "locale": "en-US", "items": [...]}; stdout: {"<id>": "<entry HTML>"}.
"use strict";
const CSL = require("citeproc");
const locales = require("@citation-js/plugin-csl/lib/locales.json");

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { style, locale, items } = JSON.parse(input);
  const byId = new Map(items.map((item) => [item.id, item]));
  const sys = {
    retrieveLocale: (lang) => locales[lang] || locales["en-US"],
    retrieveItem: (id) => byId.get(id),
  };
  // One engine, one item at a time: each entry is formatted as if it stood alone.
  const engine = new CSL.Engine(sys, style, locale, true);
  const out = {};
  for (const item of items) {
    engine.updateItems([item.id]);
    const [, entries] = engine.makeBibliography();
    out[item.id] = entries[0];
  }
  process.stdout.write(JSON.stringify(out));
});
