// summary.json: the machine-readable verdict of a certify run, the certificate an
// operator archives. Its schema is docs/summary.schema.json (checked by a test): what
// was judged (role, target, profile and its content hash, seed), by what (harness and
// Node versions), the verdict and exit code, the counts, a verdict per rule id (the
// worst of its cases), every case, and the known failures applied.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { HARNESS } from "../report/run-folder.ts";
import type { Settings } from "../target/settings.ts";
import type { Applied } from "./known-failures.ts";
import type { CaseOutcome, Tally } from "./run-suites.ts";

/** Bumped when a field changes meaning or goes away; new fields keep it. */
export const SUMMARY_SCHEMA_VERSION = 1;

export interface RuleVerdict {
  readonly id: string;
  readonly area: string;
  readonly operation: string;
  readonly rule: string;
  readonly provenance: string;
  readonly verdict: CaseOutcome["state"];
  readonly cases: number;
}

/** The run's verdict, by its exit code (0, 1, 3). */
const VERDICTS: Record<number, string> = { 0: "conformant", 1: "not conformant", 3: "incomplete" };

/** Where summary.json goes: the run's folder. */
export function summaryPath(settings: Settings): string {
  return join(settings.resultsDir, "summary.json");
}

export function writeSummaryJson(
  settings: Settings,
  profile: { readonly title: string; readonly sha256: string },
  t: Tally,
  exitCode: number,
  known?: Applied,
): string {
  const file = summaryPath(settings);
  writeFileSync(file, `${JSON.stringify(summaryOf(settings, profile, t, exitCode, known), null, 2)}\n`);
  return file;
}

/** summary.json's content, as docs/summary.schema.json states it. */
export type Summary = ReturnType<typeof summaryOf>;

function summaryOf(
  settings: Settings,
  profile: { readonly title: string; readonly sha256: string },
  t: Tally,
  exitCode: number,
  known: Applied | undefined,
) {
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    harness: HARNESS,
    node: process.version,
    role: settings.role,
    target: settings.target ?? null,
    profile: { title: profile.title, path: settings.profile, sha256: profile.sha256 },
    seed: settings.seed,
    date: new Date().toISOString(),
    verdict: VERDICTS[exitCode] ?? "incomplete",
    exitCode,
    counts: {
      passed: t.passed,
      failed: t.failed,
      harness: t.harness,
      skipped: t.skipped,
      known: t.known,
      notRun: t.notRun,
      warnings: t.warnings.length,
    },
    seconds: Number(t.seconds.toFixed(1)),
    lost: t.lost ? { ...t.lost, unstartedFiles: t.unstarted } : null,
    setups: t.setups,
    knownFailures: known ?? null,
    rules: verdicts(t.cases),
    cases: t.cases,
    warnings: t.warnings,
  };
}

const WORST: readonly RuleVerdict["verdict"][] = ["failed", "notRun", "harness", "known", "passed", "skipped"];

function verdicts(cases: readonly CaseOutcome[]): RuleVerdict[] {
  const byId = new Map<string, RuleVerdict>();
  for (const c of cases) {
    if (!c.rule) continue;
    const before = byId.get(c.rule.id);
    const verdict = before && WORST.indexOf(before.verdict) < WORST.indexOf(c.state) ? before.verdict : c.state;
    byId.set(c.rule.id, { ...c.rule, verdict, cases: (before?.cases ?? 0) + 1 });
  }
  return [...byId.values()];
}
