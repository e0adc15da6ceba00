// The valid requests of a stress run, built from the profile's own examples
// (simulator/model/examples.ts), and the seeded schedule that mixes them with the hostile
// ones (hostile.ts). A fifth are note PATCHes on a few hot tickets, in runs of 16 on one
// ticket, so that several connections PATCH the same ticket at once.
import { appendExample, attributeExample, createExample, listExamples, nexeraPath } from "../../model/examples.ts";
import type { FieldModel, Model } from "../../model/model.ts";
import { cellOf, eventTypes, resolveCell } from "../../model/model.ts";
import { sampleValue } from "../../model/sample.ts";
import { HOSTILE } from "./hostile.ts";
import { json, type Maker, type MixContext, pick } from "./job.ts";

/** How many consecutive note PATCHes go to the same hot ticket. */
const RUN = 16;

const tickets = (ctx: MixContext) => `${ctx.base}/${ctx.model.resource}`;
const idOf = (body: string) => String((JSON.parse(body) as { id?: unknown }).id);

const shapes = new WeakMap<Model, { list: string; text: string }>();

/** The appendable list the lifecycle reacts to (note), and the free-text field of its items. */
export function noteShape(model: Model): { list: string; text: string } {
  const known = shapes.get(model);
  if (known) return known;
  const example = appendExample(model, model.defaultTicketType);
  const list = example ? Object.keys(example)[0] : undefined;
  const item = list === undefined ? undefined : model.root.byName.get(list)?.object;
  const free = (item?.fields ?? []).filter((f: FieldModel) => f.type === "string" && !f.format && !f.enumValues);
  // The one an item must have (note.text), else any free text.
  const text =
    free.find((f) => resolveCell(cellOf(f, model.defaultTicketType, "PATCH"), {}) === "R") ??
    free.find((f) => resolveCell(cellOf(f, model.defaultTicketType, "PATCH"), {}) === "O");
  if (list === undefined || !text) throw new Error(`profile ${model.id}: no appendable list with a free-text field`);
  const shape = { list, text: text.name };
  shapes.set(model, shape);
  return shape;
}

const create =
  (who: "a" | "b" | "filler"): Maker =>
  (ctx) => {
    const ticketType = pick(ctx.random, ctx.model.ticketTypes);
    const body = createExample(ctx.model, ticketType);
    return {
      ...json("POST", tickets(ctx), ctx.operators[who].basic, body, `create (${who})`),
      // Each operator may reach the ticket limit: its 409 is the right answer then.
      expect: [201, 409],
      then: (status, text) => {
        if (status === 201 && who !== "filler") ctx.pools[who].push(idOf(text));
      },
    };
  };

const someTicket = (ctx: MixContext, who: "a" | "b" = "a") => {
  const pool = ctx.pools[who];
  return pool.length > 0 ? pick(ctx.random, pool) : pick(ctx.random, ctx.hot);
};

const note: Maker = (ctx) => {
  const n = ++ctx.seq;
  const id = ctx.hot[Math.floor(n / RUN) % ctx.hot.length] as string;
  const { list, text } = noteShape(ctx.model);
  const words = `stress note ${n}`;
  return {
    ...json("PATCH", `${tickets(ctx)}/${id}`, ctx.operators.a.basic, { [list]: [{ [text]: words }] }, "note (hot)"),
    hotTicket: id,
    then: (status) => {
      if (status === 200) ctx.notes.get(id)?.push(words);
    },
  };
};

const read: Maker = (ctx) => {
  const auth = ctx.bearer && ctx.random() < 0.5 ? `Bearer ${ctx.bearer}` : ctx.operators.a.basic;
  return {
    kind: "read",
    hostile: false,
    method: "GET",
    path: `${tickets(ctx)}/${someTicket(ctx)}`,
    headers: { authorization: auth },
    expect: [200],
  };
};

const queries = new WeakMap<Model, ReturnType<typeof listExamples>>();

const list: Maker = (ctx) => {
  const { model } = ctx;
  const all =
    queries.get(model) ??
    listExamples(model, (ff) => String(sampleValue(model, ff.field, model.defaultTicketType, "POST")));
  queries.set(model, all);
  const q = new URLSearchParams(pick(ctx.random, all).query.map(([k, v]): [string, string] => [k, v]));
  const who = ctx.random() < 0.7 ? ctx.operators.a : ctx.operators.b;
  return {
    kind: "list",
    hostile: false,
    method: "GET",
    path: `${tickets(ctx)}?${q}`,
    headers: { authorization: who.basic },
    expect: [200],
  };
};

const rename: Maker = (ctx) => {
  const changed = attributeExample(ctx.model, ctx.model.defaultTicketType, {}) ?? {};
  // A new value each time: the store must forget the old ones (docs/rules.md §8).
  const body = Object.fromEntries(
    Object.entries(changed).map(([k, v]) => [k, typeof v === "string" ? `${v} ${++ctx.seq}` : v]),
  );
  const id = ctx.pools.a.length > 0 ? pick(ctx.random, ctx.pools.a) : pick(ctx.random, ctx.hot);
  // A pool ticket of the other type may refuse the attribute (400); one a hostile PATCH cancelled, any change (409).
  return { ...json("PATCH", `${tickets(ctx)}/${id}`, ctx.operators.a.basic, body, "rename"), expect: [200, 400, 409] };
};

const move: Maker = (ctx) => {
  const to = pick(ctx.random, nexeraPath(ctx.model)).to;
  const id = ctx.random() < 0.3 ? pick(ctx.random, ctx.hot) : someTicket(ctx);
  const path = `/__control/${ctx.model.resource}/${id}/status`;
  return {
    ...json("POST", path, ctx.operators.a.basic, { status: to, reason: "stress" }, "control move"),
    expect: [200, 409],
  };
};

const token: Maker = (ctx) => ({
  kind: "token",
  hostile: false,
  method: "POST",
  path: "/oauth/token",
  headers: { authorization: ctx.operators.a.basic, "content-type": "application/x-www-form-urlencoded" },
  body: "grant_type=client_credentials",
  expect: [200],
  then: (status, body) => {
    if (status === 200) ctx.bearer = String((JSON.parse(body) as { access_token?: unknown }).access_token);
  },
});

const subscribe: Maker = (ctx) => {
  const query = `eventType=${eventTypes(ctx.model)[0]}`;
  const body = { callback: ctx.churnCallback, query };
  return {
    ...json("POST", `${ctx.base}/${ctx.model.hubPath}`, ctx.operators.b.basic, body, "hub subscribe"),
    expect: [201],
    then: (status, text) => {
      if (status === 201) ctx.churn.push(idOf(text));
    },
  };
};

const unsubscribe: Maker = (ctx) => {
  const id = ctx.churn.shift();
  if (id === undefined)
    return {
      kind: "hub list",
      hostile: false,
      method: "GET",
      path: `/__control/${ctx.model.hubPath}`,
      headers: { authorization: ctx.operators.b.basic },
      expect: [200],
    };
  return {
    kind: "hub unsubscribe",
    hostile: false,
    method: "DELETE",
    path: `${ctx.base}/${ctx.model.hubPath}/${id}`,
    headers: { authorization: ctx.operators.b.basic },
    expect: [204],
  };
};

const control: Maker = (ctx) => {
  const path =
    ctx.random() < 0.5
      ? `/__control/${ctx.model.resource}?limit=5`
      : `/__control/deliveries?ticketId=${pick(ctx.random, ctx.hot)}`;
  return {
    kind: "control read",
    hostile: false,
    method: "GET",
    path,
    headers: { authorization: ctx.operators.b.basic },
    expect: [200],
  };
};

/** Weights of the valid requests (about 63 in 93; the hostile ones are the rest). */
const VALID: ReadonlyArray<readonly [number, Maker]> = [
  [20, note],
  [5, create("a")],
  [3, create("b")],
  [5, create("filler")],
  [7, read],
  [7, list],
  [5, rename],
  [3, move],
  [2, token],
  [1, subscribe],
  [1, unsubscribe],
  [3, control],
];

/** `n` requests drawn by weight with the seeded generator: the same seed, the same schedule. */
export function schedule(n: number, random: () => number): Maker[] {
  const all = [...VALID, ...HOSTILE];
  const total = all.reduce((s, [w]) => s + w, 0);
  return Array.from({ length: n }, () => {
    let r = random() * total;
    for (const [w, make] of all) {
      r -= w;
      if (r < 0) return make;
    }
    return (all[0] as readonly [number, Maker])[1];
  });
}
