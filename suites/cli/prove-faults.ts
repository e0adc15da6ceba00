// npm run certify:faults -- [FAULT ...]: shows the suites catch a broken server. For
// each fault of the catalogue (simulator/http/faults.ts, `simulate --misbehave list`)
// it starts a misbehaving embedded simulator and runs the real certify command against
// it with the suites that guard the broken rule (--suite): the run must exit 1, and a
// failing case must name the rule. One line per fault; last, `N/N faults caught`.
// Exit 0 if every fault is caught, 1 if one goes unseen.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbedded } from "../../simulator/cli/embedded.ts";
import { type Provable, provableFaults } from "../../simulator/cli/faults.ts";
import { readCli } from "../../simulator/cli/settings/cli.ts";
import { defineCommand } from "../../simulator/cli/settings/command.ts";
import { integer, text } from "../../simulator/cli/settings/parsers.ts";
import { loadProfile } from "../../simulator/model/load.ts";
import { EMBEDDED_OPERATORS, simulatedProfile } from "./certify-settings.ts";

interface FaultsValues {
  fault: readonly string[];
  profile: string;
  runs: number;
  seed: number;
  jobs: number;
}

const FAULTS = defineCommand<FaultsValues>({
  name: "certify:faults",
  invocation: "npm run certify:faults --",
  summary:
    "For each deliberate fault of the simulator (simulate --misbehave list), starts a misbehaving embedded simulator\n" +
    "and runs certify with the suites that guard the broken rule: the run must fail, naming the rule.\n" +
    "Exit 0 if every fault is caught, 1 if one goes unseen.",
  envPrefix: "NEXERA_FAULTS_",
  settings: {
    fault: {
      flag: "fault",
      parse: text("FAULT"),
      repeats: true,
      positional: true,
      defaultText: "every fault of the catalogue the profile gives something to bend",
      help: "a fault to prove, as simulate --misbehave takes it (NAME or NAME:ARG)",
    },
    profile: simulatedProfile,
    runs: { flag: "runs", parse: integer(1, 100_000), default: 10, help: "fast-check runs per property" },
    seed: { flag: "seed", parse: integer(-(2 ** 31), 2 ** 31 - 1), default: 1, help: "the seed of every run" },
    jobs: {
      flag: "jobs",
      parse: integer(1, 16),
      // More runs than cores: a proof mostly waits, on the target and on event timeouts
      // (on 2 cores, 50 faults: 3.7 min with 4 jobs from load 2; 6.8 min at load 10-15, 9.0 with 3 jobs at 17).
      default: 4,
      help: "faults proved at once",
    },
  },
});

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

interface Outcome {
  readonly fault: Provable;
  readonly caught: boolean;
  readonly line: string;
  readonly seconds: number;
}

async function prove(fault: Provable, v: FaultsValues): Promise<Outcome> {
  const started = Date.now();
  const [first, second] = EMBEDDED_OPERATORS;
  const sim = await startEmbedded({
    profile: v.profile,
    operators: [first, second],
    auth: "either",
    misbehave: [fault.spec],
  });
  const results = mkdtempSync(join(tmpdir(), "prove-faults-"));
  try {
    const args = [
      ...["--import", "tsx", "suites/cli/certify.ts", "--target", sim.url, "--suite", fault.suites.join(",")],
      ...[
        "--profile",
        v.profile,
        "--runs",
        String(v.runs),
        "--seed",
        String(v.seed),
        "--results-dir",
        results,
        "--no-html",
      ],
      ...[
        "--credentials",
        `${first.user}:${first.password}`,
        "--second-credentials",
        `${second.user}:${second.password}`,
      ],
      ...["--driver", "simulator", "--auth", "either"],
    ];
    const code = await run(process.execPath, args);
    // summary.json (beside the results) lists every case; the summary's text stops at 40 failures.
    const failures = failedCases(join(results, "summary.json"));
    const named = failures.find((l) => fault.names.test(l));
    const seconds = (Date.now() - started) / 1000;
    if (code === 1 && named) return { fault, caught: true, line: named.slice(0, 160), seconds };
    const why =
      code === 1
        ? `failed, but no failure names the rule (${fault.names}); first: ${failures[0]?.slice(0, 120) ?? "none"}`
        : `certify exited ${code}${code === 0 ? ": the suites passed a broken server" : ""}`;
    return { fault, caught: false, line: why, seconds };
  } finally {
    await sim.close();
    rmSync(results, { recursive: true, force: true });
  }
}

function run(cmd: string, args: readonly string[]): Promise<number> {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "ignore", env: cleanEnv() });
    child.on("close", (code) => resolveRun(code ?? 3));
  });
}

/** "name: why" of each failed case of a run's summary.json (none when the run wrote none). */
function failedCases(file: string): string[] {
  try {
    const summary = JSON.parse(readFileSync(file, "utf8")) as {
      cases: Array<{ name: string; state: string; why?: string }>;
    };
    return summary.cases.filter((c) => c.state === "failed").map((c) => `${c.name}: ${c.why ?? ""}`);
  } catch {
    return [];
  }
}

/** certify's own NEXERA_* variables and config file must not leak into a proof run. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("NEXERA_")));
}

async function main(): Promise<number> {
  const read = readCli(FAULTS, process.argv.slice(2));
  if ("exit" in read) return read.exit;
  const v = read.values;
  const { provable, notApplicable } = provableFaults(loadProfile(v.profile));
  const chosen =
    v.fault.length === 0
      ? provable
      : provable.filter((p) => v.fault.some((f) => p.spec === f || p.spec.startsWith(`${f}:`)));
  const unknown = v.fault.filter((f) => !provable.some((p) => p.spec === f || p.spec.startsWith(`${f}:`)));
  if (unknown.length > 0) {
    console.error(`certify:faults: no such fault for this profile: ${unknown.join(", ")} (simulate --misbehave list)`);
    return 2;
  }
  for (const n of notApplicable) console.log(`n/a      ${n}: the profile gives it nothing to bend`);
  const started = Date.now();
  const outcomes: Outcome[] = [];
  const queue = [...chosen];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const o = await prove(next, v);
      outcomes.push(o);
      console.log(`${o.caught ? "caught  " : "MISSED  "} ${o.fault.spec} (${o.seconds.toFixed(1)} s): ${o.line}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(v.jobs, chosen.length) }, worker));
  const caught = outcomes.filter((o) => o.caught).length;
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`${caught}/${outcomes.length} faults caught in ${minutes} min`);
  return caught === outcomes.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[certify:faults] harness fault: ${(e as Error).stack ?? String(e)}`);
    process.exit(3);
  },
);
