// One run of a stress mix against a simulator at `origin`: a hub subscription of operator a
// to the recording listener, a few hot tickets of a's, then the requests of the schedule
// over the connections. The command runs it twice (warm-up, measured); a test runs it small.
import { basicHeader } from "../../model/credentials.ts";
import { createExample } from "../../model/examples.ts";
import type { Model } from "../../model/model.ts";
import type { StressValues } from "../stress-settings.ts";
import { type MixContext, type Operator, seeded } from "./job.ts";
import { runLoad, type Tally } from "./load.ts";
import { noteShape, schedule } from "./mix.ts";

const op = (user: string): Operator => {
  const password = `${user}-secret`;
  return { user, password, basic: basicHeader({ user, password }) };
};
/** The run's operators: a is followed (subscription, hot tickets), b a second tenant, filler fills its room. */
export const OPERATORS = { a: op("stress-a"), b: op("stress-b"), filler: op("stress-filler") };
/** The subscription whose events are checked posts under this path of the listener. */
export const MAIN = "/main";

export /** One run of the mix: a fresh subscription and hot tickets, then `n` requests over the connections. */
async function phase(
  origin: string,
  model: Model,
  listenerUrl: string,
  v: Pick<StressValues, "hotTickets" | "connections">,
  n: number,
  seed: number,
  tally: Tally,
): Promise<{ ctx: MixContext; ms: number }> {
  const base = model.basePath;
  const a = OPERATORS.a.basic;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${origin}${path}`, {
      method: "POST",
      headers: { authorization: a, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`setup: POST ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  await post(`${base}/${model.hubPath}`, { callback: `${listenerUrl}${MAIN}` });
  const { list } = noteShape(model);
  const hot: string[] = [];
  const notesAtStart = new Map<string, number>();
  for (let i = 0; i < v.hotTickets; i++) {
    const t = await post(`${base}/${model.resource}`, createExample(model, model.defaultTicketType));
    hot.push(String(t.id));
    notesAtStart.set(String(t.id), Array.isArray(t[list]) ? t[list].length : 0);
  }
  const random = seeded(seed);
  const ctx: MixContext = {
    model,
    base,
    operators: OPERATORS,
    bodyLimit: model.bodyLimitBytes,
    churnCallback: `${listenerUrl}/churn`,
    random,
    pools: { a: [], b: [] },
    hot,
    notes: new Map(hot.map((id) => [id, []])),
    notesAtStart,
    churn: [],
    seq: 0,
  };
  const { ms } = await runLoad(origin, schedule(n, random), ctx, v.connections, tally);
  return { ctx, ms };
}
