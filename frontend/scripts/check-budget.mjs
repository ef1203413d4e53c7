#!/usr/bin/env node
// Weighs the JavaScript and CSS each first screen loads (the initial chunks of its entries, as
// listed in webpack-stats.json), gzipped, against its budget: `signin` is what a visitor's
// sign-in screen loads, `app` plus the person's language's messages (`locale_en` or
// `locale_ru`) what a signed-in person's list screen loads. Every other screen and dialog is a
// chunk loaded when first shown. It also checks that the list's script starts with V8's compile
// hint.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

// The goals: the sign-in screen 60 KB, the list screen 120 KB. The list's screen renders from
// the data its page brings before Apollo Client is loaded (a chunk of its own, fetched once
// the screen is up: frontend/src/main.ts), so its weight leaves the client out.
const SCREENS = {
  "sign-in": { entries: ["signin"], budget: 60 },
  "list (English)": { entries: ["locale_en", "app"], budget: 120 },
  "list (Russian)": { entries: ["locale_ru", "app"], budget: 120 },
};
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const stats = JSON.parse(readFileSync(join(root, "webpack-stats.json"), "utf8"));
if (stats.status !== "done") {
  console.error(`webpack-stats.json status is "${stats.status}", not "done"`);
  process.exit(2);
}

const fileOf = (name) => stats.assets[name]?.path ?? join(root, "frontend", "dist", name);

let over = false;
for (const [screen, { entries, budget }] of Object.entries(SCREENS)) {
  let total = 0;
  const rows = [];
  for (const entry of entries) {
    const chunks = stats.chunks?.[entry];
    if (!Array.isArray(chunks) || chunks.length === 0) {
      console.error(`webpack-stats.json lists no chunks for the ${entry} entry`);
      process.exit(2);
    }
    for (const name of chunks) {
      if (!/\.(js|css)$/.test(name)) continue;
      const size = gzipSync(readFileSync(fileOf(name)), { level: 9 }).length;
      total += size;
      rows.push(`  ${(size / 1024).toFixed(1).padStart(7)} KB  ${name}`);
    }
  }
  const totalKb = total / 1024;
  console.log(`First screen "${screen}", JS + CSS gzipped:`);
  console.log(rows.join("\n"));
  console.log(`  ${totalKb.toFixed(1).padStart(7)} KB  total (budget ${budget} KB)`);
  if (totalKb > budget) {
    console.error(`  over budget by ${(totalKb - budget).toFixed(1)} KB`);
    over = true;
  }
}

// The list's script carries V8's compile hint (webpack.config.js) as its first line: a minifier
// or plugin change that drops or moves it would put the compilation of its functions back on
// the main thread while the list first renders.
const HINT = "//# allFunctionsCalledOnLoad\n";
const appScripts = stats.chunks.app.filter((name) => name.endsWith(".js"));
for (const name of appScripts) {
  if (!readFileSync(fileOf(name), "utf8").startsWith(HINT)) {
    console.error(`${name} does not start with V8's compile hint (${HINT.trim()})`);
    over = true;
  }
}
if (over) process.exit(1);
