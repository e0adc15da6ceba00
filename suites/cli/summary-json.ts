// summary.json: the machine-readable verdict of a certify run, beside its Allure
// results: what was judged (role, target, profile and its content hash, seed), the
// counts, every case, and a verdict per rule id (failed if any of its cases failed).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Settings } from "../target/settings.ts";
import type { CaseOutcome, Tally } from "./run-suites.ts";

export interface RuleVerdict {
  readonly id: string;
  readonly area: string;
  readonly operation: string;
  readonly rule: string;
  readonly provenance: string;
  readonly verdict: CaseOutcome["state"];
  readonly cases: number;
}

/** Where summary.json goes: the run's folder. */
export function summaryPath(settings: Settings): string {
  return join(settings.resultsDir, "summary.json");
}

export function writeSummaryJson(settings: Settings, title: string, t: Tally): string {
  const profileText = readFileSync(settings.profile, "utf8");
  const file = summaryPath(settings);
  const summary = {
    role: settings.role,
    target: settings.target ?? null,
    profile: {
      title,
      path: settings.profile,
      sha256: createHash("sha256").update(profileText).digest("hex"),
    },
    seed: settings.seed,
    date: new Date().toISOString(),
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
    rules: verdicts(t.cases),
    cases: t.cases,
    warnings: t.warnings,
  };
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  return file;
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
