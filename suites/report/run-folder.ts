// The folder of one certify run (reports/certify by default): allure-results/ (this
// run's only: a report never mixes runs), summary.json, junit.xml, index.html (one
// offline file) and history.jsonl (kept across runs, so the report shows trends, new
// failures, fixed and flaky cases).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const allureResultsOf = (dir: string) => join(dir, "allure-results");

/** Empties the run's Allure results (earlier runs' globals included: a report shows its own run only). */
export function freshResults(dir: string): string {
  const results = allureResultsOf(dir);
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  return results;
}

/** What the report's environment panel and executor show. */
export interface RunFacts {
  readonly title: string;
  readonly role: string;
  readonly target: string;
  readonly profileId: string;
  readonly profileSha256: string;
  readonly seed: number;
}

/** The harness's name and version (package.json), as every report names it. */
export const HARNESS = `nexera-tt-conformance ${(JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version}`;

/** environment.properties and executor.json, read by Allure from the results folder. */
export function writeRunFacts(dir: string, facts: RunFacts): void {
  const results = allureResultsOf(dir);
  mkdirSync(results, { recursive: true });
  const env: Record<string, string> = {
    role: facts.role,
    target: facts.target,
    profile: facts.profileId,
    "profile sha256": facts.profileSha256,
    harness: HARNESS,
    seed: String(facts.seed),
    date: new Date().toISOString(),
    node: process.version,
  };
  const property = (s: string) =>
    s
      .replace(/\\/g, "\\\\")
      .replace(/([=:])/g, "\\$1")
      .replace(/\n/g, "\\n");
  writeFileSync(
    join(results, "environment.properties"),
    `${Object.entries(env)
      .map(([k, v]) => `${property(k).replace(/ /g, "\\ ")}=${property(v)}`)
      .join("\n")}\n`,
  );
  writeFileSync(
    join(results, "executor.json"),
    JSON.stringify({
      name: "npm run certify",
      type: "certify",
      reportName: facts.title,
      buildName: `seed ${facts.seed}`,
    }),
  );
}

/**
 * Writes index.html into the folder (Allure 3, one offline file) from its allure-results
 * (or from `results`) and appends the run to the folder's history.jsonl.
 */
export function writeHtml(dir: string, title: string, results = allureResultsOf(dir)): string {
  const page = join(dir, "index.html");
  writeFileSync(page, forOffline(allurePage(results, title, join(resolve(dir), "history.jsonl"))));
  return page;
}

/** Allure 3's single-file page, as Allure writes it (analytics included); the run is appended to `historyPath`. */
export function allurePage(results: string, title: string, historyPath: string): string {
  const out = mkdtempSync(join(tmpdir(), "certify-report-"));
  const config = join(out, "allurerc.mjs");
  writeFileSync(
    config,
    `export default ${JSON.stringify({
      name: title,
      historyPath,
      plugins: {
        // The tree reads like the rules: area, then operation, then rule (the labels every case carries).
        awesome: { options: { singleFile: true, reportLanguage: "en", groupBy: ["epic", "feature", "story"] } },
      },
    })};\n`,
  );
  try {
    execFileSync(
      join(root, "node_modules/.bin/allure"),
      ["generate", results, "--config", config, "-o", join(out, "html")],
      {
        stdio: "ignore",
      },
    );
    return readFileSync(join(out, "html", "index.html"), "utf8");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Allure's single-file page made to open from disk, offline, every time (docs/decisions/0011-report-in-a-browser.md). */
export const forOffline = (s: string) => embeddedDataFirst(withoutAnalytics(s));

/** Allure's page loads an analytics script from the web when opened online; the report is meant to be offline. */
export function withoutAnalytics(s: string): string {
  return s
    .replace(/<script async src="https:\/\/www\.googletagmanager\.com\/[^"]*"><\/script>\s*/g, "")
    .replace(/<script>\s*window\.dataLayer[\s\S]*?<\/script>\s*/g, "");
}

/**
 * Allure's app reads its data from `window.allureReportData`, which scripts after the app's
 * own define and fill; an app that looks before they ran (the browser may run its first
 * effects in between) fetches the files beside the page instead, which a page opened from
 * disk cannot, and never draws. Defined in the head, the object is always there: the app
 * then waits for the scripts to mark it ready.
 */
export function embeddedDataFirst(s: string): string {
  return s.replace("</head>", "<script>window.allureReportData = window.allureReportData || {};</script>\n</head>");
}
