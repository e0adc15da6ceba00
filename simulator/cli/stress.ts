// `npm run stress -- [flags]`: the simulator under load, in a child process of its own so
// that its resident memory is its own (docs/decisions/0010-bounded-state.md). A recording
// listener in this process receives the events of a hub subscription. Phases: a warm-up of
// the same mix, a reset and a settle (the memory before); the measured run (the peak); its
// events drained and the hot tickets checked (lost updates); a full GC with every ticket
// stored (held); a reset and the settle again (the memory after). The reset is what makes
// "after" comparable with "before": stored tickets are state the run asked for, not a leak.
// "Before" is the warm simulator's, not the cold start's (printed too): a fresh process grows
// V8's young generation and its allocator's arenas under its first load, and keeps them.
// Exit codes: 0 every bar met, 1 one missed, 2 bad settings, 3 the run itself failed.
import os from "node:os";
import { pathToFileURL } from "node:url";
import { buildListener } from "../listener/app.ts";
import { loadProfile } from "../model/load.ts";
import { readCli } from "./settings/cli.ts";
import { startSimulatorChild } from "./stress/child-process.ts";
import { newTally } from "./stress/load.ts";
import { MAIN, OPERATORS, phase } from "./stress/phase.ts";
import { bars, type Figures, reportText } from "./stress/report.ts";
import { checkHotTickets, drained } from "./stress/verify.ts";
import { STRESS, type StressValues } from "./stress-settings.ts";

const EXIT_RUN_FAILED = 3;

export async function main(argv: readonly string[], env = process.env): Promise<number> {
  const read = readCli(STRESS, argv, env);
  if ("exit" in read) return read.exit;
  try {
    return await run(read.values);
  } catch (e) {
    process.stderr.write(`stress: the run failed (not a bar of the simulator's): ${(e as Error).stack ?? e}\n`);
    return EXIT_RUN_FAILED;
  }
}

async function run(v: StressValues): Promise<number> {
  const model = loadProfile();
  const machine = {
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    load: os.loadavg(),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
  const listener = buildListener({ model, maxRecords: 10 * (v.requests + v.warmup) });
  await listener.listen({ host: "127.0.0.1", port: 0 });
  const listenerUrl = `http://127.0.0.1:${(listener.server.address() as { port: number }).port}`;
  const creds = Object.values(OPERATORS).flatMap((o) => ["--credentials", `${o.user}:${o.password}`]);
  const sim = await startSimulatorChild([
    ...["--port", "0", "--log-level", "error", "--max-tickets-per-operator", String(v.ticketLimit)],
    ...creds,
  ]);
  process.stdout.write(
    `== npm run stress: ${v.requests} requests against the simulator (pid ${sim.pid}) at ${sim.base} ==\n`,
  );
  try {
    const start = await sim.rss();
    const auth = OPERATORS.a.basic;
    const settle = async () => {
      await drained(sim.origin, auth, 60_000);
      const reset = await fetch(`${sim.origin}/__control/reset`, { method: "POST", headers: { authorization: auth } });
      if (reset.status !== 204) throw new Error(`POST /__control/reset answered ${reset.status}`);
      await fetch(`${listenerUrl}/__control/events`, { method: "DELETE" });
      await new Promise((r) => setTimeout(r, v.settleMs));
      const { heapUsed } = await sim.gc();
      return { rss: await sim.rss(), heap: heapUsed };
    };
    const tally = newTally();
    if (v.warmup > 0) await phase(sim.origin, model, listenerUrl, v, v.warmup, v.seed + 1, tally);
    const before = await settle();

    let peak = 0;
    const sampler = setInterval(
      () =>
        void sim.rss().then(
          (r) => (peak = Math.max(peak, r)),
          () => undefined,
        ),
      100,
    );
    const measured = newTally();
    const { ctx, ms } = await phase(sim.origin, model, listenerUrl, v, v.requests, v.seed, measured).finally(() =>
      clearInterval(sampler),
    );
    peak = Math.max(peak, await sim.rss());
    const delivered = await drained(sim.origin, auth, 120_000);
    const lostUpdates = await checkHotTickets(ctx, sim.origin, listenerUrl, MAIN);
    const count = await fetch(`${sim.origin}/__control/${model.resource}?limit=0`, {
      headers: { authorization: auth },
    });
    const ticketsHeld = Number(count.headers.get("x-total-count"));
    const heldHeap = (await sim.gc()).heapUsed;
    const held = await sim.rss();
    const after = await settle();
    const highWater = sim.peak();
    const upToEnd = sim.alive();
    const exit = await sim.stop();
    measured.serverErrors += tally.serverErrors; // a 5xx in the warm-up misses the bar too
    measured.serverErrorExamples.push(...tally.serverErrorExamples.map((e) => `(warm-up) ${e}`));
    const figures: Figures = {
      seed: v.seed,
      connections: v.connections,
      warmup: v.warmup,
      ms,
      settleMs: v.settleMs,
      tolerance: v.tolerance,
      machine,
      tally: measured,
      lost: lostUpdates,
      drained: delivered,
      ticketsHeld,
      memory: {
        start,
        before: before.rss,
        peak,
        held,
        after: after.rss,
        heap: { before: before.heap, held: heldHeap, after: after.heap },
        ...(highWater !== undefined ? { highWater } : {}),
      },
      stayedUp: upToEnd && exit === 0,
    };
    process.stdout.write(`${reportText(figures)}\n`);
    if (!figures.stayedUp) process.stderr.write(`stress: the simulator's stderr:\n${sim.stderr()}\n`);
    return bars(figures).every((b) => b.met) ? 0 : 1;
  } finally {
    await sim.stop();
    await listener.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
