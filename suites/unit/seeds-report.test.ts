// What certify:seeds prints (suites/cli/seeds-report.ts): a line per run, then each
// failure with its seed and the command that replays it; exit 1 on any unclean run.
import { expect, it } from "vitest";
import { isClean, type RunOutcome, seedsReport } from "../cli/seeds-report.ts";

const counts = (failed: number, harness = 0, notRun = 0) => ({
  passed: 10 - failed - harness - notRun,
  failed,
  harness,
  skipped: 0,
  known: 0,
  notRun,
});
const clean: RunOutcome = { seed: 7, code: 0, seconds: 12.34, counts: counts(0), failures: [] };
const flaky: RunOutcome = {
  seed: 42,
  code: 3,
  seconds: 20,
  counts: counts(0, 1),
  failures: ["[harness] errors > rejects a PATCH over 1048576 bytes with 413: write EPIPE"],
  kept: "/tmp/certify-seeds-x",
};

it("prints one line per run: its verdict, seed, counts, exit code and time", () => {
  const r = seedsReport(["--suite", "auth"]);
  expect(r.line(clean)).toBe(
    "clean  seed 7          10 cases: 10 passed, 0 failed, 0 harness faults, 0 skipped; exit 0; 12.3 s",
  );
  const { counts: _, ...noSummary } = clean;
  expect(r.line({ ...noSummary, code: 3 })).toMatch(/^FAILED seed 7 +no summary.json; exit 3/);
});

it("counts a harness fault as a failure, and a run without a summary too", () => {
  expect([isClean(clean), isClean(flaky), isClean({ seed: 1, code: 0, seconds: 1, failures: [] })]).toEqual([
    true,
    false,
    false,
  ]);
  expect(isClean({ ...clean, code: 1 })).toBe(false);
});

it("counts cases that did not run as a failure, and names them", () => {
  const unrun: RunOutcome = { ...clean, code: 1, counts: counts(0, 0, 3), failures: ["[not run] a: setup failed"] };
  expect(isClean(unrun)).toBe(false);
  expect(isClean({ ...clean, failures: ["[lost] the simulator stopped answering 3 s in: ECONNREFUSED"] })).toBe(false);
  expect(seedsReport([]).line(unrun)).toMatch(/10 cases: 7 passed, 0 failed, 0 harness faults, 0 skipped, 3 not run;/);
});

it("ends with the tally, then every failure with its seed and replay command; exit 1", () => {
  const { lines, exit } = seedsReport(["--suite", "auth"]).end([clean, flaky], 90);
  expect(exit).toBe(1);
  expect(lines).toEqual([
    "2 runs in 1.5 min: 1 clean, 1 with failures",
    "failures:",
    "  - seed 42: [harness] errors > rejects a PATCH over 1048576 bytes with 413: write EPIPE",
    "    replay: npm run certify -- --suite auth --seed 42",
    "    log and results: /tmp/certify-seeds-x",
  ]);
  expect(seedsReport([]).end([clean], 30)).toEqual({ lines: ["1 runs in 0.5 min: 1 clean, 0 with failures"], exit: 0 });
});
