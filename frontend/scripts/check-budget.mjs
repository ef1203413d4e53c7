#!/usr/bin/env node
// Weighs the JavaScript and CSS each first screen loads (the initial chunks of its entry, as
// listed in webpack-stats.json), gzipped, against its budget: `signin` is what a visitor's
// sign-in screen loads, `app` what a signed-in person's list screen loads.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

// The goals are 60 KB for the sign-in screen and 120 KB for the list screen. Apollo, Vue,
// vue-router and vue-i18n alone come close to 120 KB, so the budgets stay just above what the
// screens weigh now (the outbox, search and the edit-conflict dialog made the list screen
// heavier) until the list screen itself is split; they only stop it growing further.
const BUDGETS_KB = { signin: 62, app: 147 };
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const stats = JSON.parse(readFileSync(join(root, "webpack-stats.json"), "utf8"));
if (stats.status !== "done") {
  console.error(`webpack-stats.json status is "${stats.status}", not "done"`);
  process.exit(2);
}

let over = false;
for (const [entry, budget] of Object.entries(BUDGETS_KB)) {
  const chunks = stats.chunks?.[entry];
  if (!Array.isArray(chunks) || chunks.length === 0) {
    console.error(`webpack-stats.json lists no chunks for the ${entry} entry`);
    process.exit(2);
  }
  let total = 0;
  const rows = [];
  for (const name of chunks) {
    if (!/\.(js|css)$/.test(name)) continue;
    const asset = stats.assets[name];
    const file = asset?.path ?? join(root, "frontend", "dist", name);
    const size = gzipSync(readFileSync(file), { level: 9 }).length;
    total += size;
    rows.push(`  ${(size / 1024).toFixed(1).padStart(7)} KB  ${name}`);
  }
  const totalKb = total / 1024;
  console.log(`First screen of "${entry}", JS + CSS gzipped:`);
  console.log(rows.join("\n"));
  console.log(`  ${totalKb.toFixed(1).padStart(7)} KB  total (budget ${budget} KB)`);
  if (totalKb > budget) {
    console.error(`  over budget by ${(totalKb - budget).toFixed(1)} KB`);
    over = true;
  }
}
if (over) process.exit(1);
