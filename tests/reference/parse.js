// Reads a bibliography file with citation-js, an independent parser, and prints what it read as CSL-JSON.
// stdin: the file's text; argv[2]: its format ("ris" or "csl-json"). stdout: [CSL-JSON items].
"use strict";
const { Cite } = require("@citation-js/core");
require("@citation-js/plugin-ris");

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const format = process.argv[2];
  const data = format === "csl-json" ? JSON.parse(input) : input;
  const forceType = format === "ris" ? "@ris/file" : "@csl/list+object";
  const cite = new Cite(data, { forceType, generateGraph: false });
  process.stdout.write(JSON.stringify(cite.data));
});
