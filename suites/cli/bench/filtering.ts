// Sections 2 and 5 of npm run bench: a filtered list at growing sizes, and the memory
// that holds them. One simulator child is filled in steps (1k, 10k, ... tickets over
// OPERATORS operators, through TicketService.create: see simulator/cli/child/simulator.ts);
// at each size, after a full GC, its resident memory is read and the list is asked over
// real HTTP, one request at a time, each timed here: GET /troubleTicket with
// creationDate.gt (the newest 90% of the tickets), an OR list on name (half the names)
// and limit=100, with a Bearer token. The querying operator holds a quarter of the tickets.
import { Client } from "undici";
import type { Model } from "../../../simulator/model/model.ts";
import { quantile, round } from "./load.ts";
import { bearer, operator, type SimulatorChild, startSimulator } from "./simulator.ts";
import { NAMES, ticketTexts } from "./tickets.ts";

export const OPERATORS = 4;
/** Tickets created per IPC request while filling (the child answers between batches). */
const BATCH = 10_000;

export interface SizeRow {
  tickets: number;
  /** Matches of the filter (X-Total-Count) for the querying operator. */
  matches: number;
  p50: number;
  p99: number;
  requests: number;
  /** Resident memory after a full GC, and the JS heap in use, MiB. */
  rssMiB: number;
  heapMiB: number;
  /** Seconds the step took to fill. */
  fillSeconds: number;
}

export interface FilteringResult {
  query: string;
  /** Resident memory after start and a full GC, no ticket stored, MiB. */
  emptyRssMiB: number;
  sizes: SizeRow[];
}

export interface FilteringOptions {
  sizes: readonly number[];
  seconds: number;
  log: (line: string) => void;
}

export async function filtering(model: Model, o: FilteringOptions): Promise<FilteringResult> {
  const largest = Math.max(...o.sizes);
  const sim = await startSimulator(OPERATORS, [
    "--max-tickets-per-operator",
    String(Math.ceil(largest / OPERATORS) + 1),
  ]);
  try {
    const texts = ticketTexts(model);
    const operators = Array.from({ length: OPERATORS }, (_, i) => operator(i).user);
    const auth = await bearer(sim.origin, operator(0));
    await sim.gc();
    const emptyRssMiB = mib(await sim.rss());
    let stored = 0;
    const sizes: SizeRow[] = [];
    let query = "";
    for (const size of [...o.sizes].sort((a, b) => a - b)) {
      const started = performance.now();
      while (stored < size) {
        const count = Math.min(BATCH, size - stored);
        const reply = (await sim.ask({ create: { texts, count, operators, from: stored } })) as { error?: string };
        if (reply.error !== undefined) throw new Error(`filling the simulator: ${reply.error}`);
        stored += count;
      }
      const fillSeconds = round((performance.now() - started) / 1000, 1);
      const { heapUsed } = await sim.gc();
      const rss = await sim.rss();
      const params = new URLSearchParams({
        "creationDate.gt": await tenthOldest(sim, model, auth, size),
        name: NAMES.slice(0, NAMES.length / 2).join(","),
        limit: "100",
      });
      query = `GET /${model.resource}?creationDate.gt={the newest 90%}&name={${NAMES.length / 2} of ${NAMES.length} names}&limit=100`;
      const timed = await timeQueries(
        sim,
        `${new URL(sim.base).pathname}/${model.resource}?${params}`,
        auth,
        o.seconds,
      );
      const row: SizeRow = {
        tickets: size,
        matches: timed.total,
        p50: round(quantile(timed.ms, 0.5), 3),
        p99: round(quantile(timed.ms, 0.99), 3),
        requests: timed.ms.length,
        rssMiB: mib(rss),
        heapMiB: mib(heapUsed),
        fillSeconds,
      };
      o.log(
        `  ${size} tickets (filled in ${fillSeconds} s): p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.matches} matches; RSS ${row.rssMiB} MiB`,
      );
      sizes.push(row);
    }
    return { query, emptyRssMiB, sizes };
  } finally {
    await sim.stop();
  }
}

/** The creationDate of the operator's ticket nine tenths down its list (newest first), through the API. */
async function tenthOldest(sim: SimulatorChild, model: Model, authorization: string, size: number): Promise<string> {
  const own = Math.ceil(size / OPERATORS);
  const url = `${sim.base}/${model.resource}?fields=creationDate&limit=1&offset=${Math.floor(own * 0.9)}`;
  const [t] = (await (await fetch(url, { headers: { authorization } })).json()) as Array<{ creationDate?: string }>;
  if (typeof t?.creationDate !== "string") throw new Error(`GET ${url} gave no creationDate`);
  return t.creationDate;
}

/** The list asked over and over on one keep-alive connection for `seconds`, each answer timed. */
async function timeQueries(sim: SimulatorChild, path: string, authorization: string, seconds: number) {
  const client = new Client(sim.origin, { pipelining: 1 });
  const ms: number[] = [];
  let total = 0;
  try {
    const ask = async () => {
      const t0 = performance.now();
      const res = await client.request({ method: "GET", path, headers: { authorization } });
      const body = await res.body.text();
      const took = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`GET ${path} answered ${res.statusCode}: ${body.slice(0, 300)}`);
      total = Number(res.headers["x-total-count"]);
      return took;
    };
    for (let i = 0; i < 50; i++) await ask(); // warm-up: JIT, caches
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) ms.push(await ask());
  } finally {
    await client.close();
  }
  return { ms, total };
}

const mib = (bytes: number) => round(bytes / 2 ** 20, 1);
