// Odd ticket ids in the path (docs/rules.md §2): traversal, encoded slashes, NUL and CRLF,
// bad escapes, very long ids, and ids that hide a real one behind an encoded slash or a
// NUL. Each is 404 (no such ticket) or 400 (not a URL the API takes) with the Error body;
// none reaches the real ticket: a GET never returns it, a PATCH leaves it unchanged.
import { beforeAll, describe, it } from "vitest";
import { changingPatch } from "../model/hostile.ts";
import { oddIdArb } from "../model/hostile-text.ts";
import { Case, check } from "../report/case.ts";
import { suiteFile } from "../support/context.ts";
import { freshTicket, idOf } from "../support/tickets.ts";
import { fixture, property, writeOps } from "./cases.ts";
import { expectRefused, robustness } from "./judge.ts";

const { model } = suiteFile();
const fx = fixture(model);
const patch = writeOps(model)[1]!;
// What a 404 or 400 about an id says, in any server's words.
const SAYS = [
  "not found",
  "no ",
  "unknown",
  "exist",
  "invalid",
  "not valid",
  "malformed",
  "encod",
  "long",
  "path",
  "url",
];

beforeAll(async () => {
  const c = new Case(robustness("set-up", "set-up: a ticket the odd ids circle", "TMF", "§2"));
  fx.ticket = idOf(c, await freshTicket(c, model.defaultTicketType));
});

describe.concurrent("robustness: odd ids", () => {
  for (const method of ["GET", "PATCH"] as const) {
    const operation = `${method} /${model.resource}/{id}`;
    const title = `answers ${method} of odd ids with 404 or 400, never reaching the real ticket (generated)`;
    it(
      title,
      check(
        robustness(operation, "an id that is not a ticket's is 404, a malformed path 400", "TMF", "§2"),
        async (c: Case) => {
          const guard = { kind: "ticket", id: fx.ticket } as const;
          const body = method === "PATCH" ? JSON.stringify(changingPatch(fx.spots, c.ctx.runId)) : undefined;
          await property(c, title, guard, oddIdArb(fx.ticket, model.resource), async (p, id) => {
            const what = `${method} of an id with ${id.kind} (${id.wire.slice(0, 60)}${id.wire.length > 60 ? "..." : ""})`;
            const ex = await p.send(
              {
                method,
                path: `/${model.resource}/${id.wire}`,
                ...(body !== undefined ? { body, headers: { "content-type": patch.type } } : {}),
              },
              what,
            );
            expectRefused(c, ex, { status: [404, 400], says: SAYS, sent: what });
            await p.expectIntact(what);
          });
        },
      ),
    );
  }
});
