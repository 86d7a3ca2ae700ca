// Formats CSL-JSON items with citeproc-js, as the tests' reference processor.
// stdin: {"style": "<CSL XML>", "locale": "en-US", "items": [...], "list": false}
// stdout: {"entries": {"<id>": "<entry HTML>"}, "inText": {"<id>": "<in-text citation>"}}
// With "list": false each item is formatted as if it stood alone (the cite boxes); with "list": true
// all items form one reference list (the references page: year suffixes and disambiguation apply).
"use strict";
const CSL = require("citeproc");
const locales = require("@citation-js/plugin-csl/lib/locales.json");

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { style, locale, items, list } = JSON.parse(input);
  const byId = new Map(items.map((item) => [item.id, item]));
  const sys = {
    retrieveLocale: (lang) => locales[lang] || locales["en-US"],
    retrieveItem: (id) => byId.get(id),
  };
  const engine = new CSL.Engine(sys, style, locale, true);
  const entries = {};
  const inText = {};
  if (list) {
    engine.updateItems(items.map((item) => item.id));
    const [meta, bodies] = engine.makeBibliography();
    meta.entry_ids.forEach((ids, n) => { entries[ids[0]] = bodies[n]; });
    for (const item of items) {
      inText[item.id] = engine.makeCitationCluster([{ id: item.id }]);
    }
  } else {
    for (const item of items) {
      engine.updateItems([item.id]);
      const [, bodies] = engine.makeBibliography();
      entries[item.id] = bodies[0];
    }
  }
  process.stdout.write(JSON.stringify({ entries, inText }));
});
