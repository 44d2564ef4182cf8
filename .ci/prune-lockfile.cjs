// The npm registry these machines reach lacks some platform builds of
// optional native add-ons (msgpackr-extract for darwin/win32/arm). npm then
// records optional edges to packages it could not resolve, and `npm ci`
// refuses the lock file. This drops exactly those dangling optional edges;
// run it after every `npm install` that changes package-lock.json:
//   npm install <pkg> && node .ci/prune-lockfile.cjs
const fs = require("node:fs");
const path = require("node:path");

const file = path.join(__dirname, "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const pruned = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const dep of Object.keys(entry.optionalDependencies)) {
    const nested = location ? `${location}/node_modules/${dep}` : `node_modules/${dep}`;
    if (!lock.packages[nested] && !lock.packages[`node_modules/${dep}`]) {
      delete entry.optionalDependencies[dep];
      pruned.push(`${location || "(root)"} -> ${dep}`);
    }
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(pruned.length ? `pruned ${pruned.length} unavailable optional edge(s):\n  ${pruned.join("\n  ")}` : "lock file has no dangling optional edges");
