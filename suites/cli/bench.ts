// `npm run bench -- [flags]`: measures the simulator and certify on this machine, each figure
// a ratio against a baseline measured in the same run or a growth curve, because figures of
// a shared machine drift (docs/decisions/0013-benchmarks.md). Sections: throughput (GET,
// PATCH, POST against a bare fastify route), filtering (a filtered list at growing sizes,
// and the memory holding them), events (delivery latency, and no event lost through a
// failing listener), certify (a full run's wall clock and its split). Servers run in child
// processes of their own, so the load generator does not share their event loop.
// Prints Markdown tables and the goals, writes reports/bench/<timestamp>.json.
// Exit codes: 0 it ran (a missed goal is reported, not failed), 2 bad settings, 3 a measurement failed.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../../simulator/cli/child/process.ts";
import { readCli } from "../../simulator/cli/settings/cli.ts";
import { loadProfile } from "../../simulator/model/load.ts";
import { certifyRun } from "./bench/certify-run.ts";
import { events } from "./bench/events.ts";
import { filtering } from "./bench/filtering.ts";
import { goals, type Machine, type Results, tables } from "./bench/report.ts";
import { throughput } from "./bench/throughput.ts";
import { BENCH, type BenchValues, DEFAULT_SIZES, SECTIONS } from "./bench-settings.ts";

const EXIT_FAILED = 3;

export async function main(argv: readonly string[], env = process.env): Promise<number> {
  const read = readCli(BENCH, argv, env);
  if ("exit" in read) return read.exit;
  try {
    await run(read.values);
    return 0;
  } catch (e) {
    process.stderr.write(`bench: a measurement failed: ${(e as Error).stack ?? e}\n`);
    return EXIT_FAILED;
  }
}

async function run(v: BenchValues): Promise<void> {
  const model = loadProfile();
  const only = new Set(v.only.length > 0 ? v.only : SECTIONS);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const started = new Date();
  const loadStart = os.loadavg();
  const wall = performance.now();
  const results: Results = {};
  if (only.has("throughput")) {
    log(`== throughput: ${v.rounds} rounds of ${v.roundSeconds} s per target, ${v.connections} connections`);
    results.throughput = await throughput(model, {
      rounds: v.rounds,
      seconds: v.roundSeconds,
      connections: v.connections,
      log,
    });
  }
  if (only.has("filtering")) {
    log("== filtering and memory");
    const sizes = v.sizes.length > 0 ? v.sizes : DEFAULT_SIZES;
    results.filtering = await filtering(model, { sizes, seconds: v.querySeconds, log });
  }
  if (only.has("events")) {
    log("== event delivery");
    results.events = await events(model, { changes: v.changes, events: v.events, log });
  }
  if (only.has("certify")) {
    log("== certify against the embedded simulator");
    results.certify = await certifyRun(v.seed, log);
  }
  const machine: Machine = {
    cores: os.availableParallelism(),
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadStart: loadStart.map((x) => Number(x.toFixed(2))),
    loadEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
  const seconds = Number(((performance.now() - wall) / 1000).toFixed(1));
  log(`\n${tables(machine, results)}\n\nnpm run bench took ${seconds} s`);
  const dir = resolve(ROOT, v.out);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${started.toISOString().replaceAll(":", "-")}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ date: started.toISOString(), seconds, machine, settings: v, results, goals: goals(results) }, null, 2)}\n`,
  );
  log(`written: ${file}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
