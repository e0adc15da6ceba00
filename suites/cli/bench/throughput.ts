// Section 1 of npm run bench: GET, PATCH and POST of one ticket, authenticated with a
// Bearer token, against the simulator and against a bare fastify route answering the
// same JSON (bare.ts), in alternating rounds so that drift of a shared machine falls
// on both. The figure is the ratio of their throughputs; p99 is reported beside.
import { attributeExample, createExample } from "../../../simulator/model/examples.ts";
import type { Model } from "../../../simulator/model/model.ts";
import { type LoadResult, type LoadSpec, load, round } from "./load.ts";
import { bearer, call, operator, reset, startBare, startSimulator } from "./simulator.ts";

export interface ThroughputRow {
  operation: string;
  simulator: { rps: number; p99: number };
  bare: { rps: number; p99: number };
  /** Simulator rps / bare rps over all rounds. */
  ratio: number;
  rounds: Array<{ simulator: number; bare: number }>;
}

export interface ThroughputOptions {
  rounds: number;
  seconds: number;
  connections: number;
  log: (line: string) => void;
}

/** Tickets the PATCH rounds spread their changes over. */
const PATCHED = 100;

export async function throughput(model: Model, o: ThroughputOptions): Promise<ThroughputRow[]> {
  const sim = await startSimulator(1, ["--max-tickets-per-operator", "10000000"]);
  try {
    const auth = await bearer(sim.origin, operator(0));
    const collection = `${sim.base}/${model.resource}`;
    const body = createExample(model, model.defaultTicketType);
    const tickets = await Promise.all(Array.from({ length: PATCHED }, () => call(collection, "POST", auth, body)));
    const first = tickets[0] as Record<string, unknown>;
    const ids = tickets.map((t) => String(t[model.idField]));
    const bare = await startBare(model, first);
    try {
      const change = attributeExample(model, model.defaultTicketType, body) ?? {};
      const [field, value] = Object.entries(change)[0] ?? ["", ""];
      const path = (base: string) => new URL(base).pathname;
      const ops: Array<{ operation: string; spec: (base: string) => LoadSpec; before?: () => Promise<void> }> = [
        {
          operation: `GET /${model.resource}/{id}`,
          spec: (base) => ({ ...common(o, auth), url: `${base}/${model.resource}/${ids[0]}` }),
        },
        {
          operation: `PATCH /${model.resource}/{id}`,
          spec: (base) => ({
            ...common(o, auth),
            url: `${base}/${model.resource}/${ids[0]}`,
            method: "PATCH",
            // A real change every time (an unchanged PATCH is answered without storing anything).
            body: (n) => JSON.stringify({ [field]: `${String(value)} ${n}` }),
            path: (n) => `${path(base)}/${model.resource}/${ids[n % ids.length]}`,
          }),
        },
        {
          operation: `POST /${model.resource}`,
          spec: (base) => ({
            ...common(o, auth),
            url: `${base}/${model.resource}`,
            method: "POST",
            body: () => JSON.stringify(body),
          }),
          // Each round starts from an empty store, so rounds compare like with like.
          before: () => reset(sim.origin, auth),
        },
      ];
      const rows: ThroughputRow[] = [];
      for (const op of ops) {
        const runs: Array<{ simulator: LoadResult; bare: LoadResult }> = [];
        for (let r = 0; r < o.rounds; r++) {
          // Alternate which goes first, so a trend in the machine's load falls on both.
          const order = r % 2 === 0 ? (["simulator", "bare"] as const) : (["bare", "simulator"] as const);
          const got: Partial<Record<"simulator" | "bare", LoadResult>> = {};
          for (const who of order) {
            if (who === "simulator") await op.before?.();
            got[who] = checked(
              await load(op.spec(who === "simulator" ? sim.base : bare.base)),
              `${op.operation} (${who})`,
            );
          }
          runs.push(got as { simulator: LoadResult; bare: LoadResult });
          o.log(
            `  ${op.operation} round ${r + 1}: simulator ${Math.round(got.simulator?.rps ?? 0)}/s, bare ${Math.round(got.bare?.rps ?? 0)}/s`,
          );
        }
        const sum = (who: "simulator" | "bare", k: "rps" | "p99") =>
          runs.reduce((s, x) => s + x[who][k], 0) / runs.length;
        rows.push({
          operation: op.operation,
          simulator: { rps: Math.round(sum("simulator", "rps")), p99: round(sum("simulator", "p99")) },
          bare: { rps: Math.round(sum("bare", "rps")), p99: round(sum("bare", "p99")) },
          ratio: round(sum("simulator", "rps") / sum("bare", "rps")),
          rounds: runs.map((x) => ({ simulator: Math.round(x.simulator.rps), bare: Math.round(x.bare.rps) })),
        });
      }
      return rows;
    } finally {
      await bare.stop();
    }
  } finally {
    await sim.stop();
  }
}

const common = (o: ThroughputOptions, authorization: string) => ({
  connections: o.connections,
  seconds: o.seconds,
  headers: { authorization, "content-type": "application/json" },
});

function checked(r: LoadResult, what: string): LoadResult {
  if (r.non2xx > 0 || r.errors > 0 || r.requests === 0)
    throw new Error(`${what}: ${r.non2xx} answers outside 2xx and ${r.errors} errors in ${r.requests} requests`);
  return r;
}
