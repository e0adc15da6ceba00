// Every certify run leaves its folder: index.html (one offline file, with the run's
// environment), junit.xml, summary.json; the Allure history grows across runs, and
// each report holds its own run's results only. `npm run report` on a folder without
// results is one line and exit 2.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";
import { readSummary } from "./summary-file.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "certify-reports-"));
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NEXERA_|VITEST)/.test(k)));

function certify(): { status: number | null; stdout: string } {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "suites/cli/certify.ts", "--suite", "isolation", "--seed", "11", "--results-dir", dir],
    { cwd: ROOT, env: { ...env, NO_COLOR: "1" }, encoding: "utf8", timeout: 180_000 },
  );
  return { status: r.status, stdout: r.stdout };
}

it("writes index.html, junit.xml and summary.json into the run's folder, and keeps the history across runs", () => {
  const first = certify();
  expect(first.status, first.stdout).toBe(0);
  expect(first.stdout).toMatch(/reports: {2}.* holds summary\.json .*junit\.xml, index\.html/);
  const files = readdirSync(dir);
  expect(files).toEqual(
    expect.arrayContaining(["index.html", "junit.xml", "summary.json", "history.jsonl", "allure-results"]),
  );

  const summary = readSummary(dir);
  expect(summary).toMatchObject({ verdict: "conformant", exitCode: 0, seed: 11, knownFailures: null, lost: null });
  expect(summary.counts.failed).toBe(0);
  expect(summary.counts.passed).toBeGreaterThan(0);
  expect(summary.profile.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(summary.rules.every((r) => r.verdict === "passed")).toBe(true);

  const junit = readFileSync(join(dir, "junit.xml"), "utf8");
  expect(junit).toMatch(new RegExp(`<testsuites [^>]*tests="${summary.counts.passed}" failures="0"`));
  const env = readFileSync(join(dir, "allure-results", "environment.properties"), "utf8");
  expect(env).toMatch(/^seed=11$/m);
  expect(env).toMatch(/^node=v\d+/m);

  const historyBefore = readFileSync(join(dir, "history.jsonl"), "utf8").trim().split("\n").length;
  const resultsBefore = readdirSync(join(dir, "allure-results")).filter((f) => f.endsWith("-result.json")).length;
  expect(certify().status).toBe(0);
  expect(readFileSync(join(dir, "history.jsonl"), "utf8").trim().split("\n").length).toBe(historyBefore + 1);
  // The second run's folder holds its own results, not the first run's as well.
  expect(readdirSync(join(dir, "allure-results")).filter((f) => f.endsWith("-result.json")).length).toBe(resultsBefore);
}, 300_000);

it("answers npm run report on a folder without results with one line and exit 2", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "suites/cli/report.ts", join(dir, "no-such-folder")], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(/^report: no Allure results in /);
});
