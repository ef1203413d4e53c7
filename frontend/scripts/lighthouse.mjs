#!/usr/bin/env node
// Lighthouse (the mobile preset) over the sign-in page and a signed-in person's list page.
//
//   node frontend/scripts/lighthouse.mjs BASE_URL SESSION_KEY [--runs N]
//
// Run by scripts/lighthouse.sh (`make lighthouse`), which serves the app as in production and
// seeds the person. The session cookie is set in the browser before the list page is measured:
// a Cookie header (the CLI's --extra-headers) does not sign the page in, since the browser's
// own csrftoken cookie replaces it on later requests. Each page is measured N times (3 unless
// told); the median run is reported and gated: accessibility, best practices and SEO must be
// 1.0, performance at least 0.9 (the goal, 0.98, is reported only: the machine is shared), and
// the same runs simulated on a CPU slowdown scaled to the host's speed at least 0.9 too.
import { existsSync, writeFileSync } from "node:fs";
import { launch } from "chrome-launcher";
import puppeteer from "puppeteer-core";
import lighthouse from "lighthouse";
import { Runner } from "lighthouse/core/runner.js";
import { initializeConfig } from "lighthouse/core/config/config.js";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const GATES = { performance: 0.9, accessibility: 1, "best-practices": 1, seo: 1 };
// The list page's performance gate may be set lower (LIGHTHOUSE_LIST_MIN_PERFORMANCE): .ci/run
// does so, since its figures fall with the host's CPU (see README).
const LIST_GATES = { ...GATES, performance: Number(process.env.LIGHTHOUSE_LIST_MIN_PERFORMANCE || GATES.performance) };
const GOALS = { performance: 0.98, lcp: 1500, tbt: 100, cls: 0.02 };
// The mobile preset slows the CPU 4×, a factor Lighthouse calibrates for a high-end desktop
// (benchmark index 1500-2000: Lighthouse's docs/throttling.md). This host's speed moves between
// runs (its index from about 1200 to 2200 within minutes), and the simulated TBT with it. So
// each run is also simulated with the slowdown scaled to the index Lighthouse measured in it
// (4× at 1750, more on a faster moment, less on a slower one), and that performance score is
// gated too, for both pages: a slow moment of the host does not pass for a slow page, nor a
// fast moment for a fast one.
const REFERENCE_INDEX = 1750;
const CALIBRATED_GATE = Number(process.env.LIGHTHOUSE_CALIBRATED_MIN_PERFORMANCE || 0.9);
// The seeded list's first task (scripts/lighthouse_seed.py): the measured page must show it.
const LIST_TASK = "Reply to Anna about the venue";

function usage(message) {
  console.error(`${message}\nusage: lighthouse.mjs BASE_URL SESSION_KEY [--runs N]`);
  process.exit(2);
}

function chromium() {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) usage("No Chromium found: run `make browser` or set CHROME_PATH.");
  return found;
}

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const [base, sessionKey] = args;
if (!base || !sessionKey || !Number.isInteger(runs) || runs < 1) usage("Missing or bad arguments.");

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function summary(lhr) {
  const a = lhr.audits;
  return {
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c].score])),
    lcp: a["largest-contentful-paint"].numericValue,
    tbt: a["total-blocking-time"].numericValue,
    cls: a["cumulative-layout-shift"].numericValue,
    fcp: a["first-contentful-paint"].numericValue,
    si: a["speed-index"].numericValue,
    unusedJs: a["unused-javascript"]?.details?.overallSavingsBytes ?? 0,
    // Lighthouse's measure of this host's CPU speed: its simulation scales what it observed here.
    benchmarkIndex: lhr.environment.benchmarkIndex,
    shifts: (a["layout-shifts"]?.details?.items ?? []).map((i) => `${i.score.toFixed(3)} ${i.node?.snippet ?? "?"}`),
    failed: CATEGORIES.flatMap((c) =>
      lhr.categories[c].score < 1
        ? lhr.categories[c].auditRefs
            .filter((ref) => ref.weight > 0 && a[ref.id].score !== null && a[ref.id].score < 1)
            .map((ref) => `${c}: ${ref.id} ${a[ref.id].score}`)
        : [],
    ),
  };
}

// Lighthouse now and then fails to record a trace (NO_NAVSTART, NO_FCP on a busy machine):
// such a run is tried again, up to twice.
async function measure(page, url, port, tries = 3) {
  try {
    return await measureOnce(page, url, port);
  } catch (error) {
    if (tries <= 1) throw error;
    console.error(`${error.message}; trying again`);
    return measure(page, url, port, tries - 1);
  }
}

async function measureOnce(page, url, port) {
  const result = await lighthouse(
    url,
    { port, output: "json", logLevel: "error", onlyCategories: CATEGORIES },
    undefined,
    page,
  );
  if (!result?.lhr) throw new Error(`Lighthouse returned no result for ${url}`);
  if (result.lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${result.lhr.runtimeError.message}`);
  // LIGHTHOUSE_REPORT=FILE keeps the last report, to read in Lighthouse's viewer.
  if (process.env.LIGHTHOUSE_REPORT) writeFileSync(process.env.LIGHTHOUSE_REPORT, result.report);
  return { ...summary(result.lhr), calibrated: await calibrated(result) };
}

/** The run simulated again, its CPU slowdown scaled to the host's speed measured in it. */
async function calibrated(result) {
  const { throttling } = result.artifacts.settings;
  const multiplier = (throttling.cpuSlowdownMultiplier * result.lhr.environment.benchmarkIndex) / REFERENCE_INDEX;
  const { resolvedConfig } = await initializeConfig("navigation", undefined, {
    onlyCategories: ["performance"],
    throttling: { ...throttling, cpuSlowdownMultiplier: multiplier },
  });
  // Simulated throttling records the page unthrottled and applies the slowdown afterwards, so
  // the same recording serves any slowdown (Lighthouse refuses changed settings by default,
  // for the methods that throttle while recording).
  const again = await Runner.audit(
    { ...result.artifacts, settings: resolvedConfig.settings },
    { resolvedConfig, computedCache: new Map() },
  );
  return {
    multiplier,
    performance: again.lhr.categories.performance.score,
    tbt: again.lhr.audits["total-blocking-time"].numericValue,
  };
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

function report(name, results, gates = GATES) {
  // The run with the median performance score stands for the page; each score is a median too.
  const perf = median(results.map((r) => r.scores.performance));
  const chosen = results.find((r) => r.scores.performance === perf);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(results.map((r) => r.scores[c]))]));
  console.log(`\n${name} (median of ${results.length}; performance per run: ${results.map((r) => r.scores.performance).join(", ")})`);
  console.log(`  host CPU benchmark index per run: ${results.map((r) => Math.round(r.benchmarkIndex)).join(", ")}`);
  console.log(
    `  performance ${scores.performance.toFixed(2)} (goal ${GOALS.performance})  accessibility ${scores.accessibility.toFixed(2)}` +
      `  best practices ${scores["best-practices"].toFixed(2)}  SEO ${scores.seo.toFixed(2)}`,
  );
  console.log(
    `  LCP ${fmt(chosen.lcp)} (goal ≤ ${fmt(GOALS.lcp)})  TBT ${Math.round(chosen.tbt)} ms (goal ≤ ${GOALS.tbt} ms)` +
      `  CLS ${chosen.cls.toFixed(3)} (goal ≤ ${GOALS.cls})  FCP ${fmt(chosen.fcp)}  SI ${fmt(chosen.si)}` +
      `  unused JS ${(chosen.unusedJs / 1024).toFixed(1)} KB`,
  );
  const calibratedScore = median(results.map((r) => r.calibrated.performance));
  console.log(
    `  host-calibrated performance ${calibratedScore.toFixed(2)} (gate ${CALIBRATED_GATE}; per run: ` +
      results.map((r) => `${r.calibrated.performance} at ${r.calibrated.multiplier.toFixed(1)}× CPU, TBT ${Math.round(r.calibrated.tbt)} ms`).join("; ") +
      ")",
  );
  for (const shift of chosen.shifts) console.log(`  layout shift ${shift}`);
  for (const failed of chosen.failed) console.log(`  below 1: ${failed}`);
  return Object.entries(gates)
    .filter(([category, gate]) => scores[category] < gate)
    .map(([category, gate]) => `${name}: ${category} ${scores[category].toFixed(2)} < ${gate}`)
    .concat(calibratedScore < CALIBRATED_GATE ? [`${name}: host-calibrated performance ${calibratedScore.toFixed(2)} < ${CALIBRATED_GATE}`] : []);
}

const chrome = await launch({
  chromePath: chromium(),
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  port: Number(process.env.LIGHTHOUSE_CHROME_PORT) || undefined,
});
const failures = [];
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
  const page = await browser.newPage();
  const signIn = [];
  for (let run = 0; run < runs; run++) {
    const measured = await measure(page, `${base}/`, chrome.port);
    const shown = await page.evaluate(() => !!document.querySelector("input[type=email]"));
    if (!shown) throw new Error("The measured sign-in page shows no address field.");
    signIn.push(measured);
  }

  // Signed in: the session cookie first, then every measured load of "/" is the list.
  await page.setCookie({ name: "sessionid", value: sessionKey, url: base, httpOnly: true, sameSite: "Lax" });
  const list = [];
  for (let run = 0; run < runs; run++) {
    const measured = await measure(page, `${base}/`, chrome.port);
    const texts = await page.evaluate(() =>
      [...document.querySelectorAll('ol[aria-label^="Page "] > li')].map((li) => li.textContent ?? ""),
    );
    if (!texts.some((text) => text.includes(LIST_TASK))) {
      throw new Error(`The measured page does not show the signed-in list (no "${LIST_TASK}"): is the session cookie set?`);
    }
    list.push(measured);
  }
  failures.push(...report("Sign-in page", signIn), ...report("List page (signed in)", list, LIST_GATES));
  await browser.disconnect();
} finally {
  await chrome.kill();
}
if (failures.length) {
  console.error(`\nBelow the gate:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `\nLighthouse gates met (accessibility, best practices, SEO 1.0; performance ≥ ${GATES.performance}` +
    `, on the list page ≥ ${LIST_GATES.performance}; host-calibrated performance ≥ ${CALIBRATED_GATE}).`,
);
