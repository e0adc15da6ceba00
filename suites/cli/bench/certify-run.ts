// Section 4 of npm run bench: a full `npm run certify` against the embedded simulator, as
// a user starts it (its own process), timed from spawn to exit. Its summary.json gives the
// cases and the time in the suites; its Allure results, when each case started and ended,
// so each suite's share of the run (each of its files from its first case's start to its
// last case's end) and how many vitest workers ran them.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ROOT } from "../../../simulator/cli/child/process.ts";
import { round } from "./load.ts";

export interface SuiteSpan {
  suite: string;
  files: number;
  cases: number;
  /** Seconds its files ran: for each file, its first case's start to its last case's end, summed. */
  seconds: number;
}

export interface CertifyResult {
  exitCode: number | null;
  wallSeconds: number;
  /** What certify's summary says the suites took (vitest's start included). */
  suiteSeconds: number;
  cases: number;
  passed: number;
  casesPerSecond: number;
  /** The first case's start to the last case's end. */
  casesSpanSeconds: number;
  workers: number;
  suites: SuiteSpan[];
}

export async function certifyRun(seed: number, log: (line: string) => void): Promise<CertifyResult> {
  const dir = mkdtempSync(join(tmpdir(), "nexera-bench-certify-"));
  try {
    const started = performance.now();
    const args = [
      "--import",
      "tsx",
      resolve(ROOT, "suites/cli/certify.ts"),
      "--seed",
      String(seed),
      "--results-dir",
      dir,
      "--no-html",
    ];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + String(d)).slice(-5000)));
    const exitCode = await new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    const wallSeconds = round((performance.now() - started) / 1000, 1);
    if (exitCode !== 0) log(`  certify exited ${exitCode}: ${stderr.trim().split("\n").slice(-3).join(" / ")}`);
    const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as {
      seconds: number;
      counts: Record<string, number>;
    };
    const cases = Object.values(summary.counts).reduce((s, n) => s + n, 0) - (summary.counts.warnings ?? 0);
    const spans = allureSpans(join(dir, "allure-results"));
    const result: CertifyResult = {
      exitCode,
      wallSeconds,
      suiteSeconds: summary.seconds,
      cases,
      passed: summary.counts.passed ?? 0,
      casesPerSecond: round(cases / wallSeconds, 1),
      ...spans,
    };
    log(`  ${cases} cases in ${wallSeconds} s wall (${result.casesPerSecond}/s), ${spans.workers} worker(s)`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function allureSpans(dir: string): Pick<CertifyResult, "casesSpanSeconds" | "workers" | "suites"> {
  const byFile = new Map<string, { start: number; stop: number; cases: number }>();
  const threads = new Set<string>();
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith("-result.json"))) {
    const r = JSON.parse(readFileSync(join(dir, f), "utf8")) as {
      start: number;
      stop: number;
      labels: Array<{ name: string; value: string }>;
    };
    const label = (name: string) => r.labels.find((l) => l.name === name)?.value ?? "";
    threads.add(label("thread"));
    const file = label("package");
    const s = byFile.get(file) ?? { start: r.start, stop: r.stop, cases: 0 };
    s.start = Math.min(s.start, r.start);
    s.stop = Math.max(s.stop, r.stop);
    s.cases++;
    byFile.set(file, s);
    first = Math.min(first, r.start);
    last = Math.max(last, r.stop);
  }
  const bySuite = new Map<string, SuiteSpan>();
  for (const [file, f] of byFile) {
    // package: <project>.suites.<suite>.<file>.test.ts
    const suite = file.split(".")[2] ?? "other";
    const s = bySuite.get(suite) ?? { suite, files: 0, cases: 0, seconds: 0 };
    s.files++;
    s.cases += f.cases;
    s.seconds += (f.stop - f.start) / 1000;
    bySuite.set(suite, s);
  }
  const suites = [...bySuite.values()]
    .map((s) => ({ ...s, seconds: round(s.seconds, 1) }))
    .sort((a, b) => b.seconds - a.seconds);
  return { casesSpanSeconds: round((last - first) / 1000, 1), workers: threads.size, suites };
}
