// What certify:seeds prints (certify-seeds.ts): one line per certify run as it ends,
// then the tally and every failure with its seed and the command that replays it.
import { replayCommand } from "./summary.ts";

export interface RunOutcome {
  readonly seed: number;
  /** certify's exit code: 0 conformant, 1 a rule broken, 2 bad settings, 3 harness faults. */
  readonly code: number;
  readonly seconds: number;
  /** From the run's summary.json; absent when the run wrote none. */
  readonly counts?: {
    passed: number;
    failed: number;
    harness: number;
    skipped: number;
    known: number;
    notRun: number;
  };
  /** Each case that failed, met a harness fault or did not run ("[harness] name: why", "name: why"), a failed setup, a lost target. */
  readonly failures: readonly string[];
  /** The run's folder (log, summary.json, Allure results), kept when the run was not clean. */
  readonly kept?: string;
}

/** A run is clean when certify exited 0, every case ran, and none failed or met a harness fault. */
export const isClean = (o: RunOutcome): boolean =>
  o.code === 0 &&
  o.counts !== undefined &&
  o.counts.failed + o.counts.harness + o.counts.notRun === 0 &&
  o.failures.length === 0;

export function seedsReport(flags: readonly string[]) {
  const replay = (seed: number) => replayCommand(flags, seed).command;
  return {
    line(o: RunOutcome): string {
      const c = o.counts;
      const counts = c
        ? `${c.passed + c.failed + c.harness + c.skipped + c.known + c.notRun} cases: ${c.passed} passed, ${c.failed} failed, ${c.harness} harness faults, ${c.skipped} skipped${c.notRun > 0 ? `, ${c.notRun} not run` : ""}`
        : "no summary.json";
      return `${isClean(o) ? "clean " : "FAILED"} seed ${String(o.seed).padEnd(10)} ${counts}; exit ${o.code}; ${o.seconds.toFixed(1)} s`;
    },
    end(outcomes: readonly RunOutcome[], seconds: number): { lines: string[]; exit: number } {
      const failing = outcomes.filter((o) => !isClean(o));
      const lines = [
        `${outcomes.length} runs in ${(seconds / 60).toFixed(1)} min: ${outcomes.length - failing.length} clean, ${failing.length} with failures`,
      ];
      if (failing.length > 0) lines.push("failures:");
      for (const o of failing) {
        const what =
          o.failures.length > 0
            ? o.failures
            : [`certify exited ${o.code}${o.counts ? "" : " without a summary.json"}, no failing case named`];
        for (const f of what) lines.push(`  - seed ${o.seed}: ${f}`);
        lines.push(`    replay: ${replay(o.seed)}`);
        if (o.kept) lines.push(`    log and results: ${o.kept}`);
      }
      return { lines, exit: failing.length > 0 ? 1 : 0 };
    },
  };
}
