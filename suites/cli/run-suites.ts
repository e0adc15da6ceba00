// Runs one role's suites with vitest against resolved settings and tallies the cases:
// passed, failed (the target broke a rule), harness faults, skipped (with reasons), not
// run (a setup they need failed: the setup's failure is the reason, and it fails the run),
// and warnings (annotations of type "warning": robustness the rules do not require).
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestCase, TestModule, TestSuite } from "vitest/node";
import { freshResults } from "../report/run-folder.ts";
import { ROLE_ENV, SUITES_ENV } from "../roles.ts";
import type { Settings } from "../target/settings.ts";
import { RESOLVED_ENV } from "./certify-settings.ts";
import { forgetTargetLost, type TargetLost, targetLost, unanswered } from "./target-watch.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const HARNESS = new Set(["HarnessError", "DriverError", "SettingsError"]);

/** One case as the summary and summary.json show it. */
export interface CaseOutcome {
  readonly name: string;
  /**
   * "known": failed, but listed in --known-failures (it does not fail the run);
   * "notRun": a setup it needs failed (`why` says which and how).
   */
  readonly state: "passed" | "failed" | "harness" | "skipped" | "known" | "notRun";
  readonly rule?: {
    readonly id: string;
    readonly area: string;
    readonly operation: string;
    readonly rule: string;
    readonly provenance: string;
  };
  /** Why it failed (first line) or was skipped. */
  readonly why?: string;
  /** A failure's next lines: the rule, and the exchange that shows it (bounded). */
  readonly detail?: readonly string[];
}

/** A file's or group's beforeAll (or afterAll) that threw: its cases did not run. */
export interface SetupFailure {
  /** The file, and the group within it when the failure is a group's. */
  readonly where: string;
  readonly why: string;
  /** Thrown by the harness (unreachable target, driver, settings), not a finding. */
  readonly harness: boolean;
  /** How many cases it kept from running. */
  cases: number;
}

export interface Tally {
  cases: CaseOutcome[];
  passed: number;
  /** Failures of rules listed in --known-failures (not in `failed`). */
  known: number;
  failed: number;
  harness: number;
  skipped: number;
  notRun: number;
  setups: SetupFailure[];
  failures: string[];
  skips: Map<string, number>;
  warnings: string[];
  seconds: number;
  /** The target stopped answering, and the run was stopped. */
  lost?: TargetLost;
  /** Suite files the stopped run never started (their cases are not even counted). */
  unstarted: number;
}

/** Runs the role's suites (suites/roles.ts) and tallies them; the Allure results go to settings.resultsDir. */
export async function runSuites(settings: Settings): Promise<Tally> {
  process.env[RESOLVED_ENV] = JSON.stringify(settings);
  process.env[ROLE_ENV] = settings.role;
  process.env[SUITES_ENV] = (settings.suites ?? []).join(",");
  process.env.NEXERA_RESULTS_DIR = freshResults(settings.resultsDir);
  process.env.NEXERA_VERBOSE = settings.verbose ? "1" : "0";
  // No colour codes in a file or a CI log.
  if (!process.stdout.isTTY) process.env.NO_COLOR = "1";
  const started = Date.now();
  forgetTargetLost();
  const { startVitest } = await import("vitest/node");
  const vitest = await startVitest("test", [], {
    config: resolve(here, "../vitest.suites.config.ts"),
    root,
    watch: false,
    run: true,
  });
  const t = tally(vitest.state.getTestModules(), targetLost());
  await vitest.close();
  t.seconds = (Date.now() - started) / 1000;
  return t;
}

/** The cases of `modules`; once the target was `lost`, what it kept from running is not run, with that reason. */
export function tally(modules: readonly TestModule[], lost?: TargetLost): Tally {
  const t: Tally = {
    cases: [],
    passed: 0,
    known: 0,
    failed: 0,
    harness: 0,
    skipped: 0,
    notRun: 0,
    setups: [],
    failures: [],
    skips: new Map(),
    warnings: [],
    seconds: 0,
    ...(lost ? { lost } : {}),
    unstarted: 0,
  };
  const lostWhy = lost && `not run: the target stopped answering (${lost.cause})`;
  for (const m of modules) {
    if (lost && [...m.children.allTests()].length === 0) t.unstarted++;
    const setups = new Map<TestModule | TestSuite, SetupFailure>();
    for (const holder of [m, ...m.children.allSuites()]) {
      const e = holder.errors()[0];
      if (!e) continue;
      const where = holder.type === "module" ? m.relativeModuleId : `${m.relativeModuleId} > ${holder.fullName}`;
      const harness = HARNESS.has(e.name ?? "") || HARNESS.has(e.cause?.name ?? "");
      const failure: SetupFailure = { where, why: firstLine(e.message), harness, cases: 0 };
      setups.set(holder, failure);
      t.setups.push(failure);
      t.failures.push(`${harness ? "[harness] " : ""}${where}: setup failed: ${failure.why}`);
    }
    for (const test of m.children.allTests()) {
      for (const a of test.annotations()) if (a.type === "warning") t.warnings.push(`${test.name}: ${a.message}`);
      const r = test.result();
      const meta = test.meta().rule;
      const rule = meta
        ? { id: meta.id, area: meta.area, operation: meta.operation, rule: meta.rule, provenance: meta.provenance }
        : undefined;
      const add = (state: CaseOutcome["state"], why?: string, detail?: readonly string[]) =>
        t.cases.push({
          name: test.fullName,
          state,
          ...(rule ? { rule } : {}),
          ...(why !== undefined ? { why } : {}),
          ...(detail && detail.length > 0 ? { detail } : {}),
        });
      if (r.state === "passed") {
        t.passed++;
        add("passed");
      } else if (lostWhy && (r.state === "skipped" ? r.note === undefined : unanswered(r.errors))) {
        t.notRun++;
        add("notRun", lostWhy);
      } else if (r.state === "skipped" && failedSetup(test, setups)) {
        const setup = failedSetup(test, setups)!;
        setup.cases++;
        t.notRun++;
        add("notRun", `not run: the setup of ${setup.where} failed: ${setup.why}`);
      } else if (r.state === "skipped") {
        t.skipped++;
        const note = r.note ?? "skipped";
        t.skips.set(note, (t.skips.get(note) ?? 0) + 1);
        add("skipped", note);
      } else if (r.state === "failed") {
        const harness = r.errors.every((e) => HARNESS.has(e.name ?? "") || HARNESS.has(e.cause?.name ?? ""));
        if (harness) t.harness++;
        else t.failed++;
        const message = r.errors[0]?.message ?? "";
        const why = firstLine(message);
        t.failures.push(`${harness ? "[harness] " : ""}${test.fullName}: ${why}`);
        const detail = message
          .split("\n")
          .slice(1, 12)
          .map((l) => l.slice(0, 300));
        add(harness ? "harness" : "failed", why, detail);
      }
    }
  }
  return t;
}

const firstLine = (s: string) => s.split("\n")[0]!.slice(0, 600);

/** The nearest enclosing group (or the file) whose setup failed, if any. */
function failedSetup(
  test: TestCase,
  setups: ReadonlyMap<TestModule | TestSuite, SetupFailure>,
): SetupFailure | undefined {
  for (let p: TestModule | TestSuite = test.parent; ; p = p.parent) {
    const found = setups.get(p);
    if (found || p.type === "module") return found;
  }
}

/** 0 conformant, 1 a rule broken (a setup the target failed included), 3 harness faults only (or nothing checked). */
export function exitCode(t: Tally): number {
  if (t.failed > 0 || t.setups.some((s) => !s.harness)) return 1;
  if (t.lost) return 3;
  if (t.harness > 0 || t.setups.length > 0) return 3;
  return t.passed > 0 ? 0 : 3;
}
