// What a stress run prints: the machine, the load, the answers, lost updates and the
// simulator's resident memory, then each bar met or missed. Pure: figures in, text out.
import type { Tally } from "./load.ts";
import { type LostUpdates, lost } from "./verify.ts";

export interface Machine {
  readonly cores: number;
  readonly memoryBytes: number;
  readonly load: readonly number[];
  readonly node: string;
  readonly os: string;
}

export interface Memory {
  /** Just after the simulator was ready, before any request (context: a cold process grows its heap at first). */
  readonly start: number;
  /** Just before the measured run, after the warm-up, a reset, the settle and a full GC: the bar's reference. */
  readonly before: number;
  /** The most seen during the measured run (sampled every 100 ms). */
  readonly peak: number;
  /** The process's high-water mark (VmHWM), when /proc has it. */
  readonly highWater?: number;
  /** After the run, its events delivered and a full GC, with every ticket still stored. */
  readonly held: number;
  /** After a reset, the settle and a full GC. */
  readonly after: number;
  /** The JS heap in use after each full GC (heapUsed): what the simulator still holds, without the allocator's slack. */
  readonly heap: { readonly before: number; readonly held: number; readonly after: number };
}

export interface Figures {
  readonly seed: number;
  readonly connections: number;
  readonly warmup: number;
  readonly ms: number;
  readonly settleMs: number;
  readonly tolerance: number;
  readonly machine: Machine;
  readonly tally: Tally;
  readonly lost: LostUpdates;
  /** Whether the simulator delivered every event before the check. */
  readonly drained: boolean;
  readonly ticketsHeld: number;
  readonly memory: Memory;
  /** The simulator process answered to the end and closed cleanly on SIGTERM. */
  readonly stayedUp: boolean;
}

export interface Bar {
  readonly name: string;
  readonly met: boolean;
  readonly detail: string;
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const sum = (m: Map<string, { count: number }>) => [...m.values()].reduce((s, e) => s + e.count, 0);
const listed = (m: Map<string, { count: number; example: string }>) =>
  [...m].map(([kind, e]) => `    ${kind}: ${e.count}, e.g. ${e.example}`);

export function bars(f: Figures): Bar[] {
  const growth = f.memory.after / f.memory.before - 1;
  return [
    { name: "no 5xx answer", met: f.tally.serverErrors === 0, detail: String(f.tally.serverErrors) },
    {
      name: "no lost update",
      met: lost(f.lost) === 0 && f.drained,
      detail: `${lost(f.lost)}${f.drained ? "" : "; events still undelivered at the check"}`,
    },
    {
      name: `memory after the settle within ${f.tolerance}% of before`,
      met: growth <= f.tolerance / 100,
      detail: `${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)}%`,
    },
    { name: "every request answered", met: sum(f.tally.noAnswer) === 0, detail: String(sum(f.tally.noAnswer)) },
    {
      name: "every answer one its request expects",
      met: sum(f.tally.unexpected) === 0,
      detail: String(sum(f.tally.unexpected)),
    },
    { name: "every 4xx a TMF Error body", met: sum(f.tally.notTmf) === 0, detail: String(sum(f.tally.notTmf)) },
    { name: "the simulator stayed up and closed cleanly", met: f.stayedUp, detail: f.stayedUp ? "yes" : "no" },
  ];
}

export function reportText(f: Figures): string {
  const t = f.tally;
  const m = f.memory;
  const n = t.valid + t.hostile;
  const statuses = [...t.byStatus].sort(([a], [b]) => a - b).map(([s, c]) => `${s} x${c}`);
  const l = f.lost;
  const perTicket =
    f.ticketsHeld > 0 && m.heap.held > m.heap.before
      ? `, ${((m.heap.held - m.heap.before) / f.ticketsHeld / 1024).toFixed(1)} KiB of heap a ticket`
      : "";
  const bs = bars(f);
  return [
    `machine:   ${f.machine.cores} cores (nproc), ${mib(f.machine.memoryBytes)} memory, ${f.machine.os}, Node ${f.machine.node}; load average ${f.machine.load.map((x) => x.toFixed(2)).join(" ")} at the start`,
    `requests:  ${n} in ${(f.ms / 1000).toFixed(1)} s (${Math.round(n / (f.ms / 1000))}/s) over ${f.connections} connections, seed ${f.seed}: ${t.valid} valid, ${t.hostile} hostile (${t.raw} as raw bytes on sockets of their own); ${f.warmup} more as a warm-up`,
    `answers:   ${statuses.join(", ")}; 5xx: ${t.serverErrors}; no answer: ${sum(t.noAnswer)}; unexpected: ${sum(t.unexpected)}; 4xx without a TMF Error: ${sum(t.notTmf)}`,
    ...t.serverErrorExamples.map((e) => `    5xx: ${e}`),
    ...listed(t.noAnswer),
    ...listed(t.unexpected),
    ...listed(t.notTmf),
    `updates:   ${l.notesSent} notes PATCHed onto the hot tickets (up to ${t.maxConcurrentOnOneTicket} at once on one ticket), ${l.events} events about them received; lost: ${lost(l)} (notes missing ${l.notesMissing}, events missing ${l.eventsMissing}, events out of order ${l.eventsOutOfOrder})`,
    ...l.examples.map((e) => `    ${e}`),
    "memory:    the simulator's resident set (VmRSS)",
    `  start    ${mib(m.start)}  ready, no request yet`,
    `  before   ${mib(m.before)}  after the warm-up, a reset, the settle and a full GC; heap used ${mib(m.heap.before)}`,
    `  peak     ${mib(m.peak)}  during the run, sampled every 100 ms${m.highWater !== undefined ? ` (the process's high-water mark, warm-up included: ${mib(m.highWater)})` : ""}`,
    `  held     ${mib(m.held)}  after the run and a full GC, ${f.ticketsHeld} tickets stored; heap used ${mib(m.heap.held)}${perTicket}`,
    `  after    ${mib(m.after)}  after a reset, ${f.settleMs} ms settle and a full GC; heap used ${mib(m.heap.after)}`,
    "bars:",
    ...bs.map((b) => `  ${b.met ? "met   " : "MISSED"} ${b.name}: ${b.detail}`),
    bs.every((b) => b.met)
      ? "result: every bar met"
      : `result: missed: ${bs
          .filter((b) => !b.met)
          .map((b) => b.name)
          .join("; ")}`,
  ].join("\n");
}
