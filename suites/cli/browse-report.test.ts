// npm run report:browse as a user runs it: bad settings and a missing browser are one
// line each (exit 2, 3); in a real Chromium, a real Allure 3 report (generated here from
// a handful of results) passes when summary.json counts what it shows, also when its data
// scripts run late, and fails on a tampered summary.json and with Allure's analytics script
// left in; stand-in pages show a logged error and totals that never appear failing too
// (docs/decisions/0011-report-in-a-browser.md).
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { run } from "../../simulator/cli/testing.ts";
import { allurePage, embeddedDataFirst, forOffline } from "../report/run-folder.ts";

const SCRIPT = "suites/cli/browse-report.ts";
const CHROMIUM = process.env.NEXERA_CHROMIUM ?? "/usr/bin/chromium";
const NO_CHROMIUM = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set NEXERA_CHROMIUM): .ci/run installs it`;
const base = mkdtempSync(join(tmpdir(), "browse-report-"));

const browse = (args: readonly string[], env: Record<string, string> = { NEXERA_CHROMIUM: CHROMIUM }) =>
  run(SCRIPT, args, env);

/** A run folder holding `page` as its index.html and `summary` as its summary.json. */
function folder(name: string, page: string, summary: object): string {
  const dir = join(base, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "index.html"), page);
  writeFileSync(join(dir, "summary.json"), JSON.stringify(summary));
  return dir;
}

// A run of five cases (2 passed, 1 failed, 1 broken, 1 skipped because a beforeAll failed)
// and that failed hook, as allure-vitest writes them, and the summary.json certify writes.
const RUN = {
  counts: { passed: 2, failed: 2, harness: 0, skipped: 0, known: 0, notRun: 1, warnings: 0 },
  setups: [{ where: "suites/x.test.ts", why: "the target did not answer", harness: false, cases: 1 }],
  lost: null,
};
let allure = ""; // Allure 3's page for that run, as Allure writes it

beforeAll(() => {
  const results = join(base, "allure-results");
  mkdirSync(results);
  for (const [name, status] of [
    ["a", "passed"],
    ["b", "passed"],
    ["c", "failed"],
    ["d", "broken"],
    ["e", "skipped"],
  ] as const) {
    const uuid = randomUUID();
    const result = {
      uuid,
      historyId: uuid,
      name,
      fullName: `browse#${name}`,
      status,
      statusDetails: status === "passed" ? {} : { message: `case ${name}: ${status}` },
      stage: "finished",
      labels: [{ name: "epic", value: "Browse" }],
      steps: [],
      attachments: [],
      parameters: [],
      start: 1_800_000_000_000,
      stop: 1_800_000_000_100,
    };
    writeFileSync(join(results, `${uuid}-result.json`), JSON.stringify(result));
  }
  const hook = { errors: [{ message: "beforeAll: the target did not answer", timestamp: 1_800_000_000_000 }] };
  writeFileSync(join(results, `${randomUUID()}-globals.json`), JSON.stringify({ ...hook, attachments: [] }));
  allure = allurePage(results, "browse test", join(base, "history.jsonl"));
}, 120_000);

it("exits 2 with one line for a folder that does not exist, one without index.html, and a broken summary.json", async () => {
  const missing = browse([join(base, "no-such-run")]);
  expect(await missing.exit).toBe(2);
  expect(missing.stderr).toMatch(/^report:browse: no folder .*no-such-run: run npm run certify first/);
  expect(missing.stderr.trim().split("\n")).toHaveLength(1);

  const empty = join(base, "empty");
  mkdirSync(empty);
  const r = browse([empty]);
  expect(await r.exit).toBe(2);
  expect(r.stderr.trim()).toMatch(/^report:browse: no index\.html in .*empty: certify wrote none/);
  expect(r.stdout).toBe("");

  const broken = folder("broken-summary", "<p>report</p>", { counts: { passed: 1 }, setups: [] });
  const b = browse([broken]);
  expect(await b.exit).toBe(2);
  expect(b.stderr.trim()).toMatch(/^report:browse: .*summary\.json: counts\.failed, .* missing or not a count$/);
});

it("exits 3 with the hint to install chromium when the browser is not there, or does not start", async () => {
  const dir = folder("no-browser", "<p>report</p>", RUN);
  const r = browse([dir], { NEXERA_CHROMIUM: join(base, "no-chromium") });
  expect(await r.exit).toBe(3);
  expect(r.stderr.trim()).toMatch(
    /^report:browse: the browser could not start: no .*no-chromium; install Debian's chromium/,
  );
  expect(r.stderr.trim().split("\n")).toHaveLength(1);

  // A file that runs but is no browser: playwright-core gives up on it at once.
  const s = browse([dir, "--chromium", "/bin/false"]);
  expect(await s.exit).toBe(3);
  expect(s.stderr.trim()).toMatch(/^report:browse: the browser could not start \(\/bin\/false\): .*install Debian's/);
  expect(s.stderr.trim().split("\n")).toHaveLength(1);
}, 60_000);

it("passes Allure's report of a run whose summary.json counts what it shows, and saves its screenshot", async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(NO_CHROMIUM);
  const dir = folder("allure", forOffline(allure), RUN);
  const r = browse([dir]);
  expect(await r.exit, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toContain(
    "ok      totals: Total 5, Failed 1, Broken 1, Passed 2, Skipped 1, Global Errors 1, as summary.json counts",
  );
  expect(r.stdout).toMatch(/^ok {6}network: 1 request\(s\), none outside the file/m);
  expect(r.stdout).toContain("ok      console: no error logged");
  expect(r.stdout).toContain("checks: all 3 met");
  const png = join(dir, "report.png");
  expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
  expect(statSync(png).size).toBeGreaterThan(10_000); // a drawn page, not a blank one
}, 120_000);

it("fails Allure's report when summary.json was tampered with, naming each number that differs", async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(NO_CHROMIUM);
  const dir = folder("tampered", forOffline(allure), { ...RUN, counts: { ...RUN.counts, passed: 3 } });
  const r = browse([dir]);
  expect(await r.exit, r.stdout + r.stderr).toBe(1);
  const counted = "(summary.json: 3 passed, 2 failed, 0 harness, 0 skipped, 0 known, 1 notRun, 1 failed setup(s))";
  expect(r.stdout.split("\n").filter((l) => l.startsWith("FAILED"))).toEqual([
    `FAILED  totals: the page shows Total 5, expected 6 ${counted}`,
    `FAILED  totals: the page shows Passed 2, expected 3 ${counted}`,
  ]);
  expect(r.stdout).toContain("checks: totals failed of 3");
}, 120_000);

it("fails Allure's page with its analytics script left in: it asks the web", async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(NO_CHROMIUM);
  const dir = folder("analytics", embeddedDataFirst(allure), RUN);
  const r = browse([dir]);
  expect(await r.exit, r.stdout + r.stderr).toBe(1);
  // Refused, so its "Failed to load resource" is not a console line of its own.
  expect(r.stdout.split("\n").filter((l) => l.startsWith("FAILED"))).toEqual([
    expect.stringMatching(/^FAILED {2}network: the page requested https:\/\/www\.googletagmanager\.com\//),
  ]);
  expect(r.stdout).toContain("checks: network failed of 3");
}, 120_000);

it("draws Allure's report when the scripts that hold its data run late: the app waits for them", async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(NO_CHROMIUM);
  // The scripts after the app's that define and fill window.allureReportData, run a second
  // later: as when the browser runs the app's first effects before the parser reaches them.
  // Without embeddedDataFirst the app then fetches widgets/*.json beside the page, and never draws.
  const page = forOffline(allure);
  const init = /<script async>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? "";
  const late = page
    .replace(/<script async>[\s\S]*?<\/script>/, "")
    .replace(/<script defer>([\s\S]*?)<\/script>/, (_, data: string) => {
      return `<script>setTimeout(function () {${init}${data}}, 1000);</script>`;
    });
  expect(init).toContain("window.allureReportData =");
  expect(late).toContain("}, 1000);</script>");
  const r = browse([folder("late-data", late, RUN), "--timeout", "30s"]);
  expect(await r.exit, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toContain("checks: all 3 met");
}, 120_000);

/** A stand-in for Allure's page: draws its totals (summary.json's) after a moment, as an app does. */
const standIn = (extra: string) => {
  const totals = [
    '<div data-testid="nav-tab-globalErrors">Global Errors <small>0</small></div>',
    '<div data-testid="metadata-item-total"><div>Total</div><div data-testid="metadata-value">1</div></div>',
    '<div data-testid="metadata-item-passed"><div>Passed</div><div data-testid="metadata-value">1</div></div>',
  ].join("");
  const draw = `setTimeout(() => { document.getElementById("app").innerHTML = ${JSON.stringify(totals)}; }, 300);`;
  return `<!doctype html><html><body><div id="app">loading</div>${extra}<script>${draw}</script></body></html>`;
};
const ONE_PASSED = { counts: { passed: 1, failed: 0, harness: 0, skipped: 0, known: 0, notRun: 0 }, setups: [] };

it("fails a page that logs an error or throws, naming each", async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(NO_CHROMIUM);
  const page = standIn('<script>console.error("boom")</script><script>null.x</script>');
  const r = browse([folder("errors", page, ONE_PASSED)]);
  expect(await r.exit, r.stdout + r.stderr).toBe(1);
  expect(r.stdout).toContain("ok      totals: Total 1, Passed 1, Global Errors 0, as summary.json counts");
  expect(r.stdout.split("\n").filter((l) => l.startsWith("FAILED"))).toEqual([
    "FAILED  console: boom",
    expect.stringMatching(/^FAILED {2}console: page error: Cannot read properties of null/),
  ]);
}, 120_000);

it("fails a page whose totals never appear within --timeout", async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(NO_CHROMIUM);
  const dir = folder("blank", "<!doctype html><html><body>nothing here</body></html>", ONE_PASSED);
  const r = browse([dir, "--timeout", "2s"]);
  expect(await r.exit).toBe(1);
  expect(r.stdout).toContain("FAILED  totals: the report did not render its totals within 2 s");
}, 120_000);
