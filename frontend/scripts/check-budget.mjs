#!/usr/bin/env node
// Weighs the JavaScript and CSS the first screen loads (the initial chunks of the
// `app` entry, as listed in webpack-stats.json), gzipped, against the budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const BUDGET_KB = 150;
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const stats = JSON.parse(readFileSync(join(root, "webpack-stats.json"), "utf8"));
if (stats.status !== "done") {
  console.error(`webpack-stats.json status is "${stats.status}", not "done"`);
  process.exit(2);
}
const chunks = stats.chunks?.app;
if (!Array.isArray(chunks) || chunks.length === 0) {
  console.error("webpack-stats.json lists no chunks for the app entry");
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
console.log("First-screen JS + CSS, gzipped:");
console.log(rows.join("\n"));
console.log(`  ${totalKb.toFixed(1).padStart(7)} KB  total (budget ${BUDGET_KB} KB)`);
if (totalKb > BUDGET_KB) {
  console.error(`Over budget by ${(totalKb - BUDGET_KB).toFixed(1)} KB`);
  process.exit(1);
}
