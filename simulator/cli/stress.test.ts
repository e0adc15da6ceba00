// `npm run stress` in small: its mix against a real simulator and listener on port 0 (every
// answer the one expected, no 5xx, no lost update), its bars, its bad settings. The full
// run is not part of npm test (docs/decisions/0010-bounded-state.md).
import { expect, it } from "vitest";
import { buildSimulator } from "../http/app.ts";
import { start, startListener } from "../listener/testing.ts";
import { loadProfile } from "../model/load.ts";
import { seeded } from "./stress/job.ts";
import { newTally } from "./stress/load.ts";
import { schedule } from "./stress/mix.ts";
import { MAIN, OPERATORS, phase } from "./stress/phase.ts";
import { bars, type Figures, reportText } from "./stress/report.ts";
import { checkHotTickets, drained, lost } from "./stress/verify.ts";
import { run } from "./testing.ts";

const model = loadProfile();

it("sends a mix the simulator answers as each request expects: 4xx TMF Errors for the hostile, no 5xx, nothing lost", async () => {
  const listener = await startListener(model, { maxRecords: 100_000 });
  const sim = await start(
    buildSimulator({
      model,
      operators: Object.values(OPERATORS),
      limits: { perOperator: 30 },
      events: { backoffBaseMs: 20 },
    }),
  );
  const tally = newTally();
  const { ctx } = await phase(sim.url, model, listener.url, { hotTickets: 2, connections: 4 }, 400, 7, tally);
  expect(await drained(sim.url, OPERATORS.a.basic, 15_000)).toBe(true);
  const updates = await checkHotTickets(ctx, sim.url, listener.url, MAIN);
  expect(tally.serverErrors).toBe(0);
  expect([...tally.noAnswer, ...tally.unexpected, ...tally.notTmf]).toEqual([]);
  expect(tally.hostile).toBeGreaterThan(80);
  expect(tally.raw).toBeGreaterThan(0);
  expect(tally.byStatus.get(409)).toBeGreaterThan(0); // the ticket limit and illegal moves are part of the load
  expect(updates.notesSent).toBeGreaterThan(40);
  expect(lost(updates)).toBe(0);
  expect(updates.events).toBeGreaterThanOrEqual(updates.notesSent);
});

it("draws the same schedule from the same seed", () => {
  const a = schedule(2000, seeded(42));
  expect(schedule(2000, seeded(42))).toEqual(a);
  expect(schedule(2000, seeded(43))).not.toEqual(a);
});

const figures = (over: Partial<Figures> = {}): Figures => ({
  seed: 1,
  connections: 8,
  warmup: 0,
  ms: 1000,
  settleMs: 0,
  tolerance: 20,
  machine: { cores: 2, memoryBytes: 2 ** 30, load: [0, 0, 0], node: "v20", os: "Linux" },
  tally: newTally(),
  lost: { notesSent: 10, notesMissing: 0, events: 10, eventsMissing: 0, eventsOutOfOrder: 0, examples: [] },
  drained: true,
  ticketsHeld: 5,
  memory: { start: 90, before: 100, peak: 200, held: 150, after: 115, heap: { before: 20, held: 60, after: 21 } },
  stayedUp: true,
  ...over,
});

it("meets every bar when nothing went wrong", () => {
  expect(bars(figures()).filter((b) => !b.met)).toEqual([]);
  expect(reportText(figures())).toMatch(/result: every bar met$/);
});

it("names each bar missed: a 5xx, a lost note, memory 25% above before", () => {
  const tally = { ...newTally(), serverErrors: 1 };
  const lostNote = { notesSent: 10, notesMissing: 1, events: 10, eventsMissing: 0, eventsOutOfOrder: 0, examples: [] };
  const memory = {
    start: 90,
    before: 100,
    peak: 200,
    held: 150,
    after: 125,
    heap: { before: 20, held: 60, after: 21 },
  };
  const f = figures({ tally, lost: lostNote, memory });
  expect(
    bars(f)
      .filter((b) => !b.met)
      .map((b) => b.name),
  ).toEqual(["no 5xx answer", "no lost update", "memory after the settle within 20% of before"]);
  expect(reportText(f)).toContain("result: missed: no 5xx answer; no lost update; memory after the settle");
});

it("exits 2 naming every bad setting, before starting anything", async () => {
  const r = run("simulator/cli/stress.ts", ["--requests", "5", "--connections", "0"]);
  expect(await r.exit).toBe(2);
  expect(r.stderr).toContain("stress: 2 invalid settings:");
  expect(r.stderr).toContain('--requests: must be an integer from 100 to 10000000, got "5"');
  expect(r.stderr).toContain('--connections: must be an integer from 1 to 256, got "0"');
  expect(r.stdout).toBe("");
});
