// Operators are tenants (docs/rules.md §3, chosen): a second operator can neither list,
// read, change nor subscribe to the first one's tickets (404, never 403 or 200),
// and its hub receives none of the first one's events.
import { beforeAll, describe, it } from "vitest";
import { patchGroup } from "../events/changes.ts";
import { expectEvents, parse, subscribe, unsubscribe } from "../events/observe.ts";
import { order } from "../model/filter-oracle.ts";
import { Case, check, type RuleRef } from "../report/case.ts";
import { countHeader, expectError, expectStatus } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { freshTicket, getTicket, idOf, type Ticket, ticketUrl } from "../support/tickets.ts";

const { model, settings, runId } = suiteFile();
const lc = model.lifecycle;
const skip = settings.secondCredentials
  ? undefined
  : "no --second-credentials: isolation between operators is not checked";
const rule = (r: string, operation: string): RuleRef => ({
  area: "Isolation",
  operation,
  rule: r,
  provenance: "chosen",
  source: "docs/rules.md §3: another operator's resource is 404, so existence does not leak",
});
const idName = model.root.fields.find((f) => f.server === "id")?.name ?? "id";
const field = model.root.fields.find(
  (f) => f.type === "string" && !f.enumValues && f.cells[model.defaultTicketType]?.PATCH.rule === "O",
)!.name;
let ticket = "";

beforeAll(async () => {
  if (skip) return;
  const c = new Case(rule("set-up: the first operator's ticket", "set-up"));
  ticket = idOf(c, await freshTicket(c, model.defaultTicketType));
});

const notFound = (c: Case, ex: Parameters<typeof expectError>[1], what: string) => {
  if (ex.response.status === 403) c.fail(`${what}: 403 reveals that the ticket exists; the answer must be 404`, ex);
  expectError(c, ex, 404, what);
};

describe.concurrent("isolation between operators", () => {
  it(
    "gives the second operator 404 reading the first one's ticket",
    check(rule("another operator's ticket: GET is 404", `GET /${model.resource}/{id}`), async (c: Case, ctx) => {
      if (skip) return ctx.skip(skip);
      notFound(
        c,
        await c.call({ method: "GET", url: ticketUrl(c, ticket) }, { as: "second" }),
        "the second operator reads the first one's ticket",
      );
    }),
  );

  it(
    "gives the second operator 404 changing the first one's ticket, which stays as it was",
    check(rule("another operator's ticket: PATCH is 404", `PATCH /${model.resource}/{id}`), async (c: Case, ctx) => {
      if (skip) return ctx.skip(skip);
      const before = await getTicket(c, ticket);
      notFound(
        c,
        await c.call(
          { method: "PATCH", url: ticketUrl(c, ticket), json: { [field]: `${runId}-intruder` } },
          { as: "second" },
        ),
        "the second operator patches the first one's ticket",
      );
      const after = await getTicket(c, ticket);
      c.must(
        after.ticket[field] === before.ticket[field],
        `the first operator's ticket must be unchanged, ${field} is now ${JSON.stringify(after.ticket[field])}`,
        after.ex,
      );
    }),
  );

  it(
    "lists none of the first operator's tickets to the second, even filtered by id",
    check(rule("another operator's tickets are not listed", `GET /${model.resource}`), async (c: Case, ctx) => {
      if (skip) return ctx.skip(skip);
      const ex = await c.call(
        { method: "GET", url: c.ctx.target.tickets, query: [[idName, ticket]] },
        { as: "second" },
      );
      expectStatus(c, ex, 200, "a valid list query");
      c.must(
        Array.isArray(ex.response.json) && ex.response.json.length === 0,
        "the list must hold none of the first operator's tickets",
        ex,
      );
      c.must(
        countHeader(c, ex, "x-total-count") === 0,
        "X-Total-Count must not count the first operator's tickets",
        ex,
      );
    }),
  );

  it(
    "lists none of the first operator's tickets to the second without any filter",
    check(
      rule("another operator's tickets are not listed, filtered or not", `GET /${model.resource}`),
      async (c: Case, ctx) => {
        if (skip) return ctx.skip(skip);
        // A ticket made now sorts near the head (creationDate descending) or the tail
        // (ascending) of the list: pages are read from the head until one ends past it,
        // then the last page, where it would show had it leaked.
        const mine = await freshTicket(c, model.defaultTicketType);
        const id = idOf(c, mine);
        const after = order(model);
        const { offset: OFFSET, limit: LIMIT } = model.reserved;
        const size = model.limit.max;
        const page = async (offset: number) => {
          const ex = await c.call(
            {
              method: "GET",
              url: c.ctx.target.tickets,
              query: [
                [OFFSET, String(offset)],
                [LIMIT, String(size)],
              ],
            },
            { as: "second" },
          );
          expectStatus(c, ex, 200, "an unfiltered list query");
          const items = ex.response.json;
          c.must(Array.isArray(items), "the list answer must be a JSON array", ex);
          const at = (items as Ticket[]).findIndex((t) => t?.[idName] === id);
          c.must(
            at < 0,
            `the second operator's unfiltered list must not hold the first operator's ticket ${id} (found at offset ${offset + at})`,
            ex,
          );
          return { items: items as Ticket[], total: countHeader(c, ex, "x-total-count") };
        };
        let offset = 0;
        for (let n = 0; n < 10; n++, offset += size) {
          const { items, total } = await page(offset);
          const last = items.at(-1);
          if (items.length < size || last === undefined || after(last, mine) > 0) return;
          if (n === 9 && total > offset + size) await page(Math.max(offset + size, total - size));
        }
      },
    ),
  );

  it(
    "gives the second operator 404 deleting the first one's subscription",
    check(
      rule("another operator's subscription: DELETE is 404", `DELETE /${model.hubPath}/{id}`),
      async (c: Case, ctx) => {
        if (skip) return ctx.skip(skip);
        const s = await subscribe(c, `${idName}=${ticket}`);
        try {
          notFound(
            c,
            await c.call(
              { method: "DELETE", url: `${c.ctx.target.hub}/${encodeURIComponent(s.id)}` },
              { as: "second" },
            ),
            "the second operator deletes the first one's subscription",
          );
        } finally {
          await unsubscribe(c, s);
        }
      },
    ),
  );

  for (const query of [undefined, "id"] as const) {
    it(
      `sends the second operator's hub none of the first one's events${query ? ", even subscribed by the ticket's id" : ""}`,
      check(
        rule("events reach only the subscriptions of the ticket's operator", `POST /${model.hubPath}`),
        async (c: Case, ctx) => {
          if (skip) return ctx.skip(skip);
          const id = idOf(c, await freshTicket(c, model.defaultTicketType));
          const mine = await subscribe(c, `${idName}=${id}`);
          const theirs = await subscribe(c, query ? `${idName}=${id}` : undefined, "second");
          try {
            await expectEvents(c, mine, id, [await patchGroup(c, id, lc.initial, { [field]: `${runId}-watched` })]);
            const leaked = parse(c, await theirs.channel.deliveries()).filter((r) => r.ticket[idName] === id);
            c.must(
              leaked.length === 0,
              `the second operator's subscription received ${leaked.length} event(s) of the first one's ticket: ${leaked.map((r) => r.eventType).join(", ")}`,
            );
          } finally {
            await unsubscribe(c, mine);
            await unsubscribe(c, theirs, "second");
          }
        },
      ),
    );
  }
});
