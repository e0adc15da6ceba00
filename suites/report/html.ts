// One self-contained HTML report (Allure 3) in reports/html/index.html, from a folder
// of Allure results (`npm run report`, suites/cli/report.ts). Allure's page loads an
// analytics script from the web whenever it is opened online; this report is meant
// to be offline, so it is cut out.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Writes the report of `results`; returns a line naming the page. */
export function writeReport(results: string): string {
  const out = resolve(root, "reports/html");
  const allure = resolve(root, "node_modules/.bin/allure");
  execFileSync(allure, ["generate", results, "--config", resolve(root, "suites/report/allurerc.mjs"), "-o", out], {
    stdio: "inherit",
  });
  const page = resolve(out, "index.html");
  const html = readFileSync(page, "utf8");
  const offline = withoutAnalytics(html);
  writeFileSync(page, offline);
  return `report: ${page}${offline === html ? "" : " (analytics script removed)"}`;
}

function withoutAnalytics(s: string): string {
  return s
    .replace(/<script async src="https:\/\/www\.googletagmanager\.com\/[^"]*"><\/script>\s*/g, "")
    .replace(/<script>\s*window\.dataLayer[\s\S]*?<\/script>\s*/g, "");
}
