// Keys that could poison prototypes (docs/rules.md §2): `__proto__` and
// `constructor.prototype`, plain or escaped, at the top or in an item, are refused with
// a 400 naming the key, and leave no trace on any ticket. `constructor` and `prototype`
// on their own are fields like any other: judged by the profile's unknown-field rule (§4).
import { describe, it } from "vitest";
import { poisonArb } from "../model/hostile.ts";
import { type Case, check } from "../report/case.ts";
import { suiteFile } from "../support/context.ts";
import { getTicket } from "../support/tickets.ts";
import { fixtureWithTicket, probing, property, startOf, writeOps } from "./cases.ts";
import { expectRefused, robustness } from "./judge.ts";

const { model } = suiteFile();
const fx = fixtureWithTicket(model);

describe.concurrent("robustness: prototype keys", () => {
  for (const op of writeOps(model)) {
    const title = `refuses ${op.method} bodies holding __proto__ or constructor.prototype with 400 naming the key (generated)`;
    it(
      title,
      check(
        robustness(op.name, "a body with a key that could poison prototypes is 400", "chosen", "§2"),
        async (c: Case) => {
          const t = startOf(c, op, fx, "proto");
          const tag = `polluted-${c.ctx.runId}`;
          await property(c, title, t.guard, poisonArb(JSON.stringify(t.body), fx.spots, tag), async (p, b) => {
            const what = `a body holding ${b.key}${b.escaped ? " (escaped)" : ""} at ${b.place}`;
            const ex = await p.send({ method: op.method, path: t.path, headers: t.headers, body: b.text }, what);
            expectRefused(c, ex, { status: 400, says: ["__proto__", "prototype", "constructor"], sent: what });
            await p.expectIntact(what);
          });
          // A server that merged the key would show it on every ticket it reads out.
          const { ex, ticket } = await getTicket(c, fx.ticket);
          c.must(!JSON.stringify(ticket).includes(tag), "no ticket may carry what a refused prototype key held", ex);
        },
      ),
    );
  }

  const post = writeOps(model)[0]!;
  const rejects = model.rejectUnknownFields;
  it(
    `judges constructor and prototype on their own as any field the profile does not know (${rejects ? "400" : "ignored"})`,
    check(
      robustness(
        post.name,
        rejects ? "a field the profile does not know is 400" : "a field the profile does not know is ignored",
        model.file.unknownFields.provenance,
        "§4",
      ),
      async (c: Case) => {
        const t = startOf(c, post, fx, "ctor");
        await probing(c, t.guard, async (p) => {
          for (const [key, value] of [
            ["constructor", "x"],
            ["prototype", { polluted: true }],
            ["constructor", { name: "x" }],
          ] as const) {
            const what = `a valid body with ${key}: ${JSON.stringify(value)}`;
            const body = JSON.stringify({ ...t.body, [key]: value });
            const ex = await p.send({ method: "POST", path: t.path, headers: t.headers, body }, what);
            if (rejects) expectRefused(c, ex, { status: 400, says: [key], sent: what });
            else {
              c.must(ex.response.status === 201, `${what}: the profile ignores unknown fields, so 201`, ex);
              const made = ex.response.json as Record<string, unknown>;
              c.must(!Object.hasOwn(made, key), `${what}: an ignored field is not stored or returned`, ex);
              p.created++;
            }
            await p.expectIntact(what);
          }
        });
      },
    ),
  );
});
