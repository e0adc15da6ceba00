// npm run bench's verdict: each goal of the benchmark with its figure, and the table the
// README keeps (Markdown, so it can be pasted as it is printed).
import type { CertifyResult } from "./certify-run.ts";
import type { EventsResult } from "./events.ts";
import type { FilteringResult } from "./filtering.ts";
import { round } from "./load.ts";
import type { ThroughputRow } from "./throughput.ts";

export interface Machine {
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** Load averages (1, 5, 15 min) when the bench started and when it ended. */
  loadStart: readonly number[];
  loadEnd: readonly number[];
}

export interface Results {
  throughput?: ThroughputRow[];
  filtering?: FilteringResult;
  events?: EventsResult;
  certify?: CertifyResult;
}

export interface Goal {
  goal: string;
  figure: string;
  met: boolean;
}

const MB = 1e6 / 2 ** 20; // MiB in an MB

export function goals(r: Results): Goal[] {
  const out: Goal[] = [];
  const tp = (prefix: string) => r.throughput?.find((row) => row.operation.startsWith(prefix));
  const get = tp("GET");
  if (get) out.push({ goal: "GET at least 0.85 of the bare route", figure: `${get.ratio}`, met: get.ratio >= 0.85 });
  const post = tp("POST");
  if (post) out.push({ goal: "POST at least 0.70 of the bare route", figure: `${post.ratio}`, met: post.ratio >= 0.7 });
  const sizes = r.filtering?.sizes ?? [];
  const small = sizes[0];
  const large = sizes.at(-1);
  if (small && large && large !== small) {
    const ratio = round(large.p99 / small.p99);
    out.push({
      goal: `filtered list: p99 at ${large.tickets} within 2x of ${small.tickets}`,
      figure: `${ratio}x`,
      met: ratio <= 2,
    });
  }
  const at100k = sizes.find((s) => s.tickets === 100_000);
  if (at100k)
    out.push({
      goal: "memory under 200 MB with 100k tickets",
      figure: `${round(at100k.rssMiB / MB, 0)} MB`,
      met: at100k.rssMiB / MB < 200,
    });
  const one = r.events?.latency.find((l) => l.subscriptions === 1);
  if (one) out.push({ goal: "event p99 under 10 ms, 1 subscription", figure: `${one.p99} ms`, met: one.p99 < 10 });
  const rel = r.events?.reliability;
  if (rel)
    out.push({
      goal: `${rel.events} events, a tenth refused: 0 lost, order kept`,
      figure: `${rel.lost} lost, ${rel.outOfOrder} out of order`,
      met: rel.lost === 0 && rel.outOfOrder === 0,
    });
  if (r.certify)
    out.push({
      goal: "certify under 15 s of wall clock",
      figure: `${r.certify.wallSeconds} s`,
      met: r.certify.wallSeconds < 15 && r.certify.exitCode === 0,
    });
  return out;
}

/** The Markdown tables of a run. */
export function tables(machine: Machine, r: Results): string {
  const lines: string[] = [];
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(" ");
  lines.push(
    `Machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; load average ${load(machine.loadStart)} at the start, ${load(machine.loadEnd)} at the end.`,
    "",
  );
  if (r.throughput) {
    lines.push(
      "| operation | simulator req/s | bare req/s | ratio | simulator p99 ms | bare p99 ms | rounds (simulator / bare) |",
      "|---|---|---|---|---|---|---|",
      ...r.throughput.map(
        (t) =>
          `| ${t.operation} | ${t.simulator.rps} | ${t.bare.rps} | **${t.ratio}** | ${t.simulator.p99} | ${t.bare.p99} | ${t.rounds.map((x) => `${x.simulator} / ${x.bare}`).join(", ")} |`,
      ),
      "",
    );
  }
  if (r.filtering) {
    const f = r.filtering;
    const first = f.sizes[0];
    lines.push(
      `Filtered list \`${f.query}\`, one request at a time; memory after a full GC (empty: ${round(f.emptyRssMiB / MB, 0)} MB).`,
      "",
      "| tickets | matches | requests | p50 ms | p50 / first | p99 ms | p99 / first | RSS MB | JS heap MB | filled in s |",
      "|---|---|---|---|---|---|---|---|---|---|",
      ...f.sizes.map(
        (s) =>
          `| ${s.tickets} | ${s.matches} | ${s.requests} | ${s.p50} | ${first ? round(s.p50 / first.p50) : ""} | ${s.p99} | ${first ? round(s.p99 / first.p99) : ""} | ${round(s.rssMiB / MB, 0)} | ${round(s.heapMiB / MB, 0)} | ${s.fillSeconds} |`,
      ),
      "",
    );
    const per = perTicket(f);
    if (per) lines.push(`Growth: ${per.bytes} bytes of RSS per ticket from ${per.from} to ${per.to} tickets.`, "");
  }
  if (r.events) {
    const e = r.events;
    const rel = e.reliability;
    lines.push(
      "| event delivery | changes | p50 ms | p99 ms |",
      "|---|---|---|---|",
      ...e.latency.map((l) => `| ${l.subscriptions} subscription(s) | ${l.changes} | ${l.p50} | ${l.p99} |`),
      "",
      `${rel.events} events over ${rel.tickets} tickets, ${rel.refused} refused (500) and retried: ${rel.lost} lost, ${rel.outOfOrder} out of order, all delivered in ${rel.seconds} s.`,
      "",
    );
  }
  if (r.certify) {
    const c = r.certify;
    lines.push(
      `Certify: ${c.cases} cases (${c.passed} passed, exit ${c.exitCode}) in ${c.wallSeconds} s wall clock, ${c.casesPerSecond} cases/s; suites ${c.suiteSeconds} s by its summary, cases from first start to last end ${c.casesSpanSeconds} s on ${c.workers} worker(s).`,
      "",
      "| suite | files | cases | seconds of its files |",
      "|---|---|---|---|",
      ...c.suites.map((s) => `| ${s.suite} | ${s.files} | ${s.cases} | ${s.seconds} |`),
      "",
    );
  }
  const gs = goals(r);
  if (gs.length > 0)
    lines.push(
      "| goal | measured | |",
      "|---|---|---|",
      ...gs.map((g) => `| ${g.goal} | ${g.figure} | ${g.met ? "met" : "**missed**"} |`),
    );
  return lines.join("\n");
}

/** RSS growth per ticket between the two largest sizes. */
export function perTicket(f: FilteringResult): { bytes: number; from: number; to: number } | undefined {
  const [a, b] = f.sizes.slice(-2);
  if (!a || !b) return undefined;
  return {
    bytes: Math.round(((b.rssMiB - a.rssMiB) * 2 ** 20) / (b.tickets - a.tickets)),
    from: a.tickets,
    to: b.tickets,
  };
}
