// The hub (docs/rules.md §2, §6): registering and deleting subscriptions, their query,
// and delivery that survives a listener failure.
import { describe, it } from "vitest";
import { cellOf } from "../../simulator/model/model.ts";
import { driverOf } from "../driver/driver.ts";
import { expectedEvents } from "../model/event-oracle.ts";
import { sampleValue } from "../model/samples.ts";
import { type Case, check, type RuleRef } from "../report/case.ts";
import { expectError, expectStatus } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { freshTicket, getTicket, idOf, patchTicket } from "../support/tickets.ts";
import { resolveHref } from "../target/target.ts";
import { patchGroup, stepGroup } from "./changes.ts";
import { expectEvents, newChannel, parse, subscribe, unsubscribe } from "./observe.ts";

const { model } = suiteFile();
const lc = model.lifecycle;
const T = model.defaultTicketType;
const hubOp = `POST /${model.hubPath}`;
const rule = (r: string, provenance = "TMF", source = "docs/rules.md §2, §6", operation = hubOp): RuleRef => ({
  area: "Events",
  operation,
  rule: r,
  provenance,
  source,
});
const idName = model.root.fields.find((f) => f.server === "id")?.name ?? "id";
const field = model.root.fields.find(
  (f) => f.type === "string" && !f.enumValues && cellOf(f, T, "PATCH").rule === "O",
)!.name;
const rename = (c: Case) => ({
  [field]: sampleValue(model.root.byName.get(field)!, {
    model,
    ticketType: T,
    op: "PATCH",
    tag: `${c.ctx.runId}-${Math.random().toString(36).slice(2, 7)}`,
  }),
});
const cancel = lc.operator.find((t) => t.from === lc.initial);
const hubRules = model.file.events.hub;

describe.concurrent("hub", () => {
  it(
    "registers a subscription: 201 with id, callback, query and a Location header",
    check(rule("POST /hub -> 201 {id, callback, query} and Location"), async (c: Case) => {
      const channel = newChannel(c);
      const query = `${idName}=none`;
      const ex = await c.call({ method: "POST", url: c.ctx.target.hub, json: { callback: channel.callback, query } });
      expectStatus(c, ex, 201, c.rule.rule);
      const b = ex.response.json as Record<string, unknown>;
      c.must(
        typeof b?.id === "string" && b.callback === channel.callback && b.query === query,
        `the answer must echo {id, callback, query}, got ${ex.response.text}`,
        ex,
      );
      const loc = ex.response.headers.location;
      c.must(
        loc !== undefined && resolveHref(c.ctx.target, loc).endsWith(`/${encodeURIComponent(b.id as string)}`),
        `Location must name the subscription, got ${JSON.stringify(loc)}`,
        ex,
      );
      await unsubscribe(c, { id: b.id as string, channel });
    }),
  );

  for (const bad of ["/relative/callback", "ftp://example.org/listener", "not a url"]) {
    it(
      `rejects the callback "${bad}": it must be an absolute ${hubRules.callbackSchemes.join(" or ")} URL`,
      check(
        rule(
          `the callback must be an absolute ${hubRules.callbackSchemes.join("/")} URL`,
          hubRules.provenance,
          "docs/rules.md §6 (chosen)",
        ),
        async (c: Case) => {
          expectError(
            c,
            await c.call({ method: "POST", url: c.ctx.target.hub, json: { callback: bad } }),
            400,
            c.rule.rule,
            ["callback"],
          );
        },
      ),
    );
  }

  it(
    "answers 404 to DELETE /hub/{id} of an unknown id",
    check(
      rule("DELETE /hub/{id} of an unknown id is 404", "TMF", "docs/rules.md §2", `DELETE /${model.hubPath}/{id}`),
      async (c: Case) => {
        expectError(
          c,
          await c.call({ method: "DELETE", url: `${c.ctx.target.hub}/${c.ctx.runId}-no-such-hub` }),
          404,
          c.rule.rule,
        );
      },
    ),
  );

  it(
    "deletes a subscription with 204, after which it receives nothing",
    check(
      rule(
        "after DELETE /hub/{id} the subscription receives nothing more",
        "TMF",
        "docs/rules.md §6",
        `DELETE /${model.hubPath}/{id}`,
      ),
      async (c: Case) => {
        const id = idOf(c, await freshTicket(c, T));
        const s = await subscribe(c, `${idName}=${id}`);
        await expectEvents(c, s, id, [await patchGroup(c, id, lc.initial, rename(c))]);
        const del = await c.call({ method: "DELETE", url: `${c.ctx.target.hub}/${encodeURIComponent(s.id)}` });
        expectStatus(c, del, 204, "DELETE /hub/{id} of a subscription answers 204");
        const before = (await s.channel.deliveries()).length;
        expectStatus(c, await patchTicket(c, id, rename(c)), 200, "precondition: a PATCH after the DELETE");
        await new Promise((r) => setTimeout(r, Math.min(1500, c.ctx.settings.eventTimeout / 3)));
        const after = await s.channel.deliveries();
        c.must(
          after.length === before,
          `a deleted subscription must receive nothing; ${after.length - before} event(s) arrived: ${after
            .slice(before)
            .map((d) => d.path)
            .join(", ")}`,
        );
        await s.channel.forget();
      },
    ),
  );

  const reset = hubRules.reset;
  if (reset) {
    // Run as the second operator: a reset removes every registration of its operator,
    // and the first operator's belong to the other cases running beside this one.
    it(
      "resets the hub with 204 on DELETE of the hub itself, after which no registration of the operator receives anything",
      check(
        rule(
          "DELETE /hub removes every registration of the operator",
          reset.provenance,
          reset.source ?? "docs/rules.md §6",
          `DELETE /${model.hubPath}`,
        ),
        async (c: Case, ctx) => {
          if (!c.ctx.settings.secondCredentials)
            return ctx.skip("no --second-credentials: the reset removes every registration of the operator it runs as");
          const id = idOf(c, await freshTicket(c, T, {}, "second"));
          const a = await subscribe(c, `${idName}=${id}`, "second");
          const b = await subscribe(c, `${idName}=${id}`, "second");
          const del = await c.call({ method: "DELETE", url: c.ctx.target.hub }, { as: "second" });
          expectStatus(c, del, 204, "DELETE /hub answers 204");
          const moved = await c.call(
            { method: "PATCH", url: `${c.ctx.target.tickets}/${encodeURIComponent(id)}`, json: rename(c) },
            { as: "second" },
          );
          expectStatus(c, moved, 200, "precondition: a PATCH after the reset");
          await new Promise((r) => setTimeout(r, Math.min(1500, c.ctx.settings.eventTimeout / 3)));
          for (const s of [a, b]) {
            const got = await s.channel.deliveries();
            c.must(
              got.length === 0,
              `after DELETE /hub no registration of the operator may receive anything; ${got.length} event(s) arrived: ${got.map((d) => d.path).join(", ")}`,
            );
            await s.channel.forget();
          }
          const again = await c.call(
            { method: "DELETE", url: `${c.ctx.target.hub}/${encodeURIComponent(a.id)}` },
            { as: "second" },
          );
          expectError(c, again, 404, "a registration removed by the reset is gone: DELETE /hub/{id} of it is 404");
        },
      ),
    );
  }

  const statusType = model.events.rules.find((r) => r.on === "statusChange")?.eventType;
  if (statusType && cancel && lc.reasonField) {
    it(
      `delivers only the types named by query ${hubRules.eventTypeParameter}=${statusType}`,
      check(
        rule(
          `query ${hubRules.eventTypeParameter}= filters the event types`,
          hubRules.provenance,
          "docs/rules.md §6 (chosen)",
        ),
        async (c: Case) => {
          const id = idOf(c, await freshTicket(c, T));
          const s = await subscribe(c, `${idName}=${id}&${hubRules.eventTypeParameter}=${statusType}`);
          try {
            const renamed = await patchGroup(c, id, lc.initial, rename(c));
            expectStatus(
              c,
              await patchTicket(c, id, { [lc.field]: cancel.to, [lc.reasonField!]: "certify" }),
              200,
              "precondition: an operator transition",
            );
            const { ticket } = await getTicket(c, id);
            const status = expectedEvents(model, {
              statusChanges: [{ from: cancel.from, to: cancel.to }],
              changedFields: [],
            }).filter((e) => e.eventType === statusType);
            await expectEvents(c, s, id, [
              { ...renamed, expected: [] },
              { label: `PATCH ${lc.field}`, expected: status, snapshot: ticket },
            ]);
          } finally {
            await unsubscribe(c, s);
          }
        },
      ),
    );
  }

  if (model.ticketTypes.length > 1) {
    const [a, b] = model.ticketTypes as [string, string];
    it(
      `delivers only events of tickets matching the query ${model.ticketTypeField}=${a}`,
      check(
        rule("query filters tickets in the list filtering syntax", hubRules.provenance, "docs/rules.md §6 (chosen)"),
        async (c: Case) => {
          const ta = idOf(c, await freshTicket(c, a));
          const tb = idOf(c, await freshTicket(c, b));
          const s = await subscribe(c, `${model.ticketTypeField}=${a}&${idName}=${ta},${tb}`);
          try {
            const ga = await patchGroup(c, ta, lc.initial, rename(c));
            await patchGroup(c, tb, lc.initial, rename(c));
            await expectEvents(c, s, ta, [ga]);
            const other = parse(c, await s.channel.deliveries()).filter((r) => r.ticket[idName] === tb);
            c.must(
              other.length === 0,
              `events of a ${b} ticket must not reach a subscription for ${model.ticketTypeField}=${a}; got ${other.map((r) => r.eventType).join(", ")}`,
            );
          } finally {
            await unsubscribe(c, s);
          }
        },
      ),
    );
  }

  // A change that causes an event: an attribute PATCH, else the operator's first transition (a profile may send no attribute events).
  const attributeEvents = expectedEvents(model, { statusChanges: [], changedFields: [field] }).length > 0;
  it(
    "retries a delivery the listener answered 500, with the same eventId",
    check(
      rule("delivery is at least once, retried on failure; eventId is unique", "chosen", "docs/rules.md §6"),
      async (c: Case, ctx) => {
        if (!attributeEvents && !cancel)
          return ctx.skip(
            "the profile sends no event for an attribute PATCH and has no operator transition from the initial state",
          );
        const id = idOf(c, await freshTicket(c, T));
        const channel = newChannel(c);
        await channel.failNext(1, 500);
        const s = await subscribe(c, `${idName}=${id}`, "first", channel);
        try {
          const g =
            attributeEvents || !cancel
              ? await patchGroup(c, id, lc.initial, rename(c))
              : await stepGroup(c, id, { by: "operator", from: cancel.from, to: cancel.to }, driverOf(c));
          const [event] = await expectEvents(c, s, id, [g]);
          const ds = await channel.deliveries();
          const refused = ds.find((d) => d.answered === 500);
          c.must(refused !== undefined, "precondition: the listener answered the first delivery 500");
          c.must(
            refused.text.includes(String(event?.eventId)),
            `the retry must carry the refused event's eventId ${String(event?.eventId)}; refused was ${refused.text.slice(0, 200)}`,
          );
        } finally {
          await unsubscribe(c, s);
        }
      },
    ),
  );
});
