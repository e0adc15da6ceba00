// npm run certify:seeds -- [--count N]: hunts false failures. Runs the real certify
// command against the clean embedded simulator once per seed (two at a time), reads
// summary.json in each run's folder, and prints one line per run (seed, counts, time), then
// every failing case with its seed and the command that replays it. A clean simulator
// breaks no rule, so any failure is the harness's: a flaky check to fix at its cause.
// Exit 0 if every run is clean, 1 if any run has a failure or a harness fault.
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCli } from "../../simulator/cli/settings/cli.ts";
import { defineCommand } from "../../simulator/cli/settings/command.ts";
import { integer } from "../../simulator/cli/settings/parsers.ts";
import { DEFAULT_PROFILE } from "../../simulator/model/load.ts";
import { simulatedProfile, suiteList } from "./certify-settings.ts";
import { isClean, type RunOutcome, seedsReport } from "./seeds-report.ts";
import { readSummary } from "./summary-file.ts";
import type { Summary } from "./summary-json.ts";

export interface SeedsValues {
  count: number;
  seed: readonly number[];
  jobs: number;
  runs: number;
  suite: string | undefined;
  profile: string;
}

const SEED = integer(-(2 ** 31), 2 ** 31 - 1);

export const SEEDS = defineCommand<SeedsValues>({
  name: "certify:seeds",
  invocation: "npm run certify:seeds --",
  summary:
    "Runs certify against the clean embedded simulator with many seeds and reports every failure with its seed\n" +
    "and the command that replays it: a clean simulator breaks no rule, so each failure is a flaky check.\n" +
    "Exit 0 if every run is clean, 1 if any run has a failure or a harness fault.",
  envPrefix: "NEXERA_SEEDS_",
  settings: {
    count: { flag: "count", parse: integer(1, 1000), default: 10, help: "certify runs, each with its own seed" },
    seed: {
      flag: "seed",
      parse: SEED,
      repeats: true,
      defaultText: "random",
      help: "a seed to run (repeatable): these first, then random ones up to --count",
    },
    jobs: { flag: "jobs", parse: integer(1, 8), default: 2, help: "certify runs at once (each starts its simulator)" },
    runs: { flag: "runs", parse: integer(1, 100_000), default: 30, help: "fast-check runs per property, as certify's" },
    suite: { flag: "suite", parse: suiteList, defaultText: "every suite", help: "run only these suites, as certify's" },
    profile: simulatedProfile,
  },
});

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** certify's flags for one seed, beyond --seed and --results-dir (what the replay command repeats). */
export function certifyFlags(v: SeedsValues): string[] {
  return [
    ...(v.suite !== undefined ? ["--suite", v.suite] : []),
    ...(v.profile !== DEFAULT_PROFILE ? ["--profile", v.profile] : []),
    ...(v.runs !== 30 ? ["--runs", String(v.runs)] : []),
  ];
}

/** The seeds to run: the given ones, then random ones up to the count. */
export function seedsOf(v: SeedsValues, random: () => number = Math.random): number[] {
  const seeds = [...v.seed];
  while (seeds.length < v.count) seeds.push(Math.floor(random() * 2 ** 31));
  return seeds;
}

async function certifyOnce(seed: number, v: SeedsValues): Promise<RunOutcome> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), "certify-seeds-"));
  const log = join(dir, "certify.log");
  const args = [
    ...["--import", "tsx", "suites/cli/certify.ts", "--seed", String(seed)],
    // The run folder (summary.json, the Allure results, junit.xml); no HTML: nobody opens a clean run's.
    ...["--results-dir", dir, "--no-html", ...certifyFlags(v)],
  ];
  const code = await run(args, log);
  const seconds = (Date.now() - started) / 1000;
  const outcome: RunOutcome = { seed, code, seconds, ...outcomeOf(dir) };
  // A failing run's results stay, for its Allure report and log.
  if (!isClean(outcome)) return { ...outcome, kept: dir };
  rmSync(dir, { recursive: true, force: true });
  return outcome;
}

/** What a run's summary.json says went wrong: failed, harness-faulted or unrun cases, failed setups, a lost target. */
function outcomeOf(dir: string): Pick<RunOutcome, "counts" | "failures"> {
  let s: Summary;
  try {
    s = readSummary(dir);
  } catch (e) {
    // No summary.json (the run died first), or one that breaks its schema: the run is not clean.
    return {
      failures: (e as NodeJS.ErrnoException).code === "ENOENT" ? [] : [`[summary.json] ${(e as Error).message}`],
    };
  }
  const TAG: Record<string, string> = { failed: "", harness: "[harness] ", notRun: "[not run] " };
  const failures = [
    ...s.cases.filter((c) => c.state in TAG).map((c) => `${TAG[c.state]}${c.name}: ${c.why ?? ""}`),
    ...s.setups.map((f) => `[setup] ${f.where}: ${f.why}`),
    ...(s.lost ? [`[lost] the simulator stopped answering ${s.lost.seconds} s in: ${s.lost.cause}`] : []),
  ];
  return { counts: s.counts, failures };
}

function run(args: readonly string[], log: string): Promise<number> {
  return new Promise((done) => {
    // certify's own NEXERA_* variables must not leak into a run: each run is the plain command.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("NEXERA_")));
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    const out = createWriteStream(log);
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on("close", (code) => out.end(() => done(code ?? 3)));
  });
}

async function main(): Promise<number> {
  const read = readCli(SEEDS, process.argv.slice(2));
  if ("exit" in read) return read.exit;
  const v = read.values;
  const queue = seedsOf(v);
  const outcomes: RunOutcome[] = [];
  const started = Date.now();
  const report = seedsReport(certifyFlags(v));
  const worker = async () => {
    for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) {
      const o = await certifyOnce(seed, v);
      outcomes.push(o);
      console.log(report.line(o));
    }
  };
  await Promise.all(Array.from({ length: Math.min(v.jobs, queue.length) }, worker));
  const { lines, exit } = report.end(outcomes, (Date.now() - started) / 1000);
  for (const l of lines) console.log(l);
  return exit;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[certify:seeds] harness fault: ${(e as Error).stack ?? String(e)}`);
    process.exit(3);
  },
);
