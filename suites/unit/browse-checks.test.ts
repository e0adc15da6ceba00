// The pure half of npm run report:browse (suites/report/browse-checks.ts): the totals
// Allure shows against summary.json's counts, and the requests an offline page may make.
// The texts are those Allure 3.18's page showed for a green certify run and for one whose
// setups failed.
import { describe, expect, it } from "vitest";
import {
  consoleProblems,
  expectedTotals,
  isAllowedRequest,
  networkProblems,
  parseSummary,
  type RunSummary,
  readShown,
  type Shown,
  type ShownTexts,
  shownLine,
  totalsProblems,
} from "../report/browse-checks.ts";

const NONE = {
  total: null,
  failed: null,
  broken: null,
  passed: null,
  skipped: null,
  unknown: null,
  globalErrors: null,
};
const texts = (t: Partial<ShownTexts>): ShownTexts => ({ ...NONE, ...t });
const run = (counts: Partial<RunSummary["counts"]>, setups = 0, lost?: object): RunSummary => ({
  counts: { passed: 0, failed: 0, harness: 0, skipped: 0, known: 0, notRun: 0, ...counts },
  setups: Array.from({ length: setups }, (_, i) => ({ where: `suites/x${i}.test.ts`, cases: 1 })),
  ...(lost ? { lost } : {}),
});
const shown = (t: Partial<ShownTexts>) => readShown(texts(t)) as Shown;

const GREEN = run({ passed: 754 });
const GREEN_PAGE = shown({ total: "754", passed: "754", globalErrors: "Global Errors 0" });
// A run against a stateless mock: the beforeAll of two filtering files failed, so their
// 93 cases did not run; Allure shows them skipped and each failed hook as a global error.
const NOT_RUN = run({ notRun: 93 }, 2);
const NOT_RUN_PAGE = shown({ total: "93", skipped: "93", globalErrors: "Global Errors 2" });
const counted = (c: string, setups = 0) => `(summary.json: ${c}, ${setups} failed setup(s))`;

describe("the totals", () => {
  it("accepts a green run whose page shows Total and Passed as summary.json counts them", () => {
    expect(totalsProblems(GREEN, GREEN_PAGE)).toEqual([]);
    expect(shownLine(GREEN_PAGE)).toBe("Total 754, Passed 754, Global Errors 0");
  });

  it("accepts cases not run as Skipped and failed setups as Global Errors", () => {
    expect(totalsProblems(NOT_RUN, NOT_RUN_PAGE)).toEqual([]);
    expect(shownLine(NOT_RUN_PAGE)).toBe("Total 93, Skipped 93, Global Errors 2");
  });

  it("counts failures, known failures and harness faults among Failed + Broken, skips among Skipped", () => {
    const s = run({ passed: 5, failed: 2, harness: 1, known: 2, skipped: 3 });
    const page = { total: "13", passed: "5", failed: "2", broken: "3", skipped: "3", globalErrors: "0" };
    expect(totalsProblems(s, shown(page))).toEqual([]);
    expect(totalsProblems(s, shown({ ...page, total: "12", failed: "1" }))).toEqual([
      `totals: the page shows Total 12, expected 13 ${counted("5 passed, 2 failed, 1 harness, 3 skipped, 2 known, 0 notRun")}`,
      `totals: the page shows Failed + Broken 4, expected 5 ${counted("5 passed, 2 failed, 1 harness, 3 skipped, 2 known, 0 notRun")}`,
    ]);
  });

  it("fails a summary.json whose passed count differs from the page, naming Total and Passed", () => {
    const c = counted("753 passed, 0 failed, 0 harness, 0 skipped, 0 known, 0 notRun");
    expect(totalsProblems(run({ passed: 753 }), GREEN_PAGE)).toEqual([
      `totals: the page shows Total 754, expected 753 ${c}`,
      `totals: the page shows Passed 754, expected 753 ${c}`,
    ]);
  });

  it("fails a failed setup the page does not show, and a global error summary.json does not list", () => {
    expect(totalsProblems(run({ passed: 754 }, 1), GREEN_PAGE)).toEqual([
      expect.stringContaining("Global Errors 0, expected 1"),
    ]);
    expect(totalsProblems(GREEN, shown({ total: "754", passed: "754", globalErrors: "Global Errors 1" }))).toEqual([
      expect.stringContaining("Global Errors 1, expected 0"),
    ]);
    // Cases not run shown as passed: a report that hides a failed setup.
    expect(totalsProblems(NOT_RUN, shown({ total: "93", passed: "93", globalErrors: "2" }))).toEqual([
      expect.stringContaining("Passed 93, expected 0"),
      expect.stringContaining("Skipped 0, expected 93"),
    ]);
  });

  it("fails Unknown results, which no certify outcome maps to", () => {
    expect(totalsProblems(GREEN, shown({ total: "754", passed: "753", unknown: "1", globalErrors: "0" }))).toEqual([
      expect.stringContaining("Passed 753, expected 754"),
      expect.stringContaining("Unknown 1, expected 0"),
    ]);
  });

  it("matches only Passed (and no Unknown) for a run stopped because the target stopped answering", () => {
    const lost = run({ passed: 40, notRun: 714 }, 0, { cause: "ECONNREFUSED", seconds: 3, casesDone: 40 });
    expect(expectedTotals(lost)).toEqual({ Passed: 40, Unknown: 0 });
    // Its unfinished cases may show as broken, skipped, or not at all.
    expect(totalsProblems(lost, shown({ total: "52", passed: "40", broken: "12", globalErrors: "0" }))).toEqual([]);
    expect(totalsProblems(lost, shown({ total: "52", passed: "52", globalErrors: "0" }))).toEqual([
      expect.stringContaining("Passed 52, expected 40"),
    ]);
  });
});

describe("reading the page", () => {
  it("reads an absent status as 0, grouped digits, and the count at the end of a tab's label", () => {
    expect(readShown(texts({ total: "1,234", passed: "1 234", globalErrors: "Global Errors 12" }))).toEqual({
      total: 1234,
      failed: 0,
      broken: 0,
      passed: 1234,
      skipped: 0,
      unknown: 0,
      globalErrors: 12,
    });
  });

  it("names what is not a number, and a page without its Total or Global Errors tab", () => {
    expect(readShown(texts({ total: "many", globalErrors: "Global Errors 0" }))).toEqual({
      problem: 'not a number: total "many"',
    });
    expect(readShown(texts({ globalErrors: "0" }))).toEqual({ problem: "the page shows no Total" });
    expect(readShown(texts({ total: "1" }))).toEqual({ problem: 'the page shows no "Global Errors" tab' });
  });

  it("parses summary.json, and names what it lacks", () => {
    expect(parseSummary(JSON.stringify(GREEN))).toEqual(GREEN);
    expect(parseSummary("{")).toEqual({ problem: expect.stringMatching(/^not JSON/) });
    expect(parseSummary(JSON.stringify({ counts: { passed: 1, failed: -1 }, setups: [] }))).toEqual({
      problem: "counts.failed, counts.harness, counts.skipped, counts.known, counts.notRun missing or not a count",
    });
    expect(parseSummary(JSON.stringify({ ...GREEN, setups: 0 }))).toEqual({ problem: "setups is not a list" });
  });
});

describe("the requests", () => {
  const page = "file:///work/p/reports/certify/index.html";

  it("allows the page's own file (with a fragment), data: and blob:", () => {
    for (const url of [page, `${page}#/results`, "data:image/svg+xml;base64,AAAA", "blob:null/1b2c"])
      expect(isAllowedRequest(url, page), url).toBe(true);
    expect(networkProblems([page, "data:font/woff2;base64,AA", page], page)).toEqual([]);
  });

  it("lists every other URL once: the web, the loopback, another file, a websocket", () => {
    const outside = [
      "https://example.com/x.png",
      "http://127.0.0.1:9/x.css",
      "file:///work/p/reports/certify/other.png",
      "file:///work/p/reports/certify/index.html.map",
      "ws://127.0.0.1:9/ws",
    ];
    for (const url of outside) expect(isAllowedRequest(url, page), url).toBe(false);
    expect(networkProblems([page, ...outside, outside[0]!], page)).toEqual(
      outside.map((u) => `network: the page requested ${u}`),
    );
  });
});

describe("the console", () => {
  const page = "file:///work/p/reports/certify/index.html";

  it("names each error the page logged, and leaves out the failed loads of requests it refused", () => {
    const refused = "Failed to load resource: net::ERR_BLOCKED_BY_CLIENT.Inspector";
    expect(
      consoleProblems(
        [
          { text: "boom", url: page },
          { text: refused, url: "https://example.com/x.png" },
          { text: "page error: x is not defined", url: page },
          // A load of the page's own file that failed is not a refusal: it stays.
          { text: "Failed to load resource: net::ERR_FILE_NOT_FOUND", url: page },
        ],
        page,
      ),
    ).toEqual([
      "console: boom",
      "console: page error: x is not defined",
      "console: Failed to load resource: net::ERR_FILE_NOT_FOUND",
    ]);
    expect(consoleProblems([], page)).toEqual([]);
  });
});
