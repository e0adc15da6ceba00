// Errors (docs/rules.md §2): 404 for what does not exist, 405 for a method a path does not
// offer, 415 for a PATCH in another content type, 413 over the body limit, 400 for
// malformed JSON; every 4xx with the TMF Error body.
import { beforeAll, describe, it } from "vitest";
import { Case, check, type RuleRef } from "../report/case.ts";
import { expectError, expectStatus } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { freshTicket, idOf, ticketUrl } from "../support/tickets.ts";
import { unofferedMethods } from "./operations.ts";

const { model, target, runId } = suiteFile();
const rule = (r: string, operation: string, provenance = "TMF", source = "docs/rules.md §2"): RuleRef => ({
  area: "Auth and errors",
  operation,
  rule: r,
  provenance,
  source,
});
const ids = { ticket: "", hub: `${runId}-no-hub` };
const patchOp = `PATCH /${model.resource}/{id}`;
const note = model.root.fields.find((f) => f.onPatch === "append" && f.object?.fields.some((x) => x.type === "string"));
const text = note?.object?.fields.find(
  (x) => x.type === "string" && x.cells[model.defaultTicketType]?.PATCH.rule === "R",
)?.name;

beforeAll(async () => {
  const c = new Case(rule("set-up: a ticket to aim at", "set-up"));
  ids.ticket = idOf(c, await freshTicket(c, model.defaultTicketType));
});

describe.concurrent("errors", () => {
  it(
    `answers GET /${model.resource}/{id} of an unknown id with 404`,
    check(rule("unknown ticket: 404", `GET /${model.resource}/{id}`), async (c: Case) => {
      expectError(c, await c.call({ method: "GET", url: ticketUrl(c, `${runId}-no-such-ticket`) }), 404, c.rule.rule);
    }),
  );

  it(
    `answers ${patchOp} of an unknown id with 404`,
    check(rule("unknown ticket: 404", patchOp), async (c: Case) => {
      expectError(
        c,
        await c.call({ method: "PATCH", url: ticketUrl(c, `${runId}-no-such-ticket`), json: {} }),
        404,
        c.rule.rule,
      );
    }),
  );

  for (const m of unofferedMethods(model, target)) {
    it(
      `answers ${m.name} with 405`,
      check(rule("a method the API does not offer on a path is 405", m.name), async (c: Case) => {
        expectError(c, await c.call(m.request(ids)), 405, c.rule.rule);
      }),
    );
  }

  for (const ct of model.patchContentTypes) {
    it(
      `accepts a PATCH sent as ${ct}`,
      check(
        rule(
          `PATCH accepts ${model.patchContentTypes.join(" and ")}`,
          patchOp,
          model.file.patch.provenance,
          "docs/rules.md §4",
        ),
        async (c: Case) => {
          expectStatus(
            c,
            await c.call({ method: "PATCH", url: ticketUrl(c, ids.ticket), json: {}, headers: { "content-type": ct } }),
            200,
            c.rule.rule,
          );
        },
      ),
    );
  }

  it(
    "rejects a PATCH sent as text/plain with 415",
    check(
      rule("any other PATCH content type is 415", patchOp, model.file.patch.provenance, "docs/rules.md §4"),
      async (c: Case) => {
        expectError(
          c,
          await c.call({
            method: "PATCH",
            url: ticketUrl(c, ids.ticket),
            raw: "{}",
            headers: { "content-type": "text/plain" },
          }),
          415,
          c.rule.rule,
        );
      },
    ),
  );

  for (const [method, op] of [
    ["POST", `POST /${model.resource}`],
    ["PATCH", patchOp],
  ] as const) {
    it(
      `rejects malformed JSON in a ${method} with 400`,
      check(rule("a body that is not JSON is 400", op), async (c: Case) => {
        const url = method === "POST" ? target.tickets : ticketUrl(c, ids.ticket);
        expectError(
          c,
          await c.call({
            method,
            url,
            raw: '{"name": ',
            headers: { "content-type": method === "PATCH" ? model.patchContentTypes[0]! : "application/json" },
          }),
          400,
          c.rule.rule,
        );
      }),
    );
  }

  if (note && text) {
    it(
      `rejects a PATCH over ${model.bodyLimitBytes} bytes with 413`,
      check(
        rule(
          `request bodies over ${model.bodyLimitBytes} bytes are 413`,
          patchOp,
          model.file.api.bodyLimitBytes.provenance,
          "docs/rules.md §2",
        ),
        async (c: Case) => {
          const big = { [note.name]: [{ [text]: "x".repeat(model.bodyLimitBytes + 1024) }] };
          expectError(c, await c.call({ method: "PATCH", url: ticketUrl(c, ids.ticket), json: big }), 413, c.rule.rule);
        },
      ),
    );
  }
});
