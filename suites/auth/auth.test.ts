// Authentication (docs/rules.md §3): every operation without credentials or with wrong
// ones is 401 with the Error body; the configured schemes work.
import { beforeAll, describe, it } from "vitest";
import { basicHeader } from "../../simulator/model/credentials.ts";
import { type Subscription, subscribe, unsubscribe } from "../events/observe.ts";
import { Case, check, type RuleRef } from "../report/case.ts";
import { expectError, expectStatus } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { freshTicket, idOf, sleep } from "../support/tickets.ts";
import { operations } from "./operations.ts";

const { model, target, runId, settings } = suiteFile();
const rule = (r: string, operation: string, provenance = "seed"): RuleRef => ({
  area: "Auth and errors",
  operation,
  rule: r,
  provenance,
  source: "docs/rules.md §3",
});
const ids = { ticket: "", hub: "" };
/** How long the expiry check may wait for a token to expire (the embedded simulator's tokens live less). */
const MAX_TOKEN_WAIT_S = 10;
let sub: Subscription | undefined;
const wrong = { user: settings.credentials.user, password: `${settings.credentials.password}-wrong` };
const ways = [
  { how: "without credentials", header: undefined },
  { how: "with an unknown Bearer token", header: `Bearer ${runId}-not-a-token` },
  { how: "with a wrong Basic password", header: basicHeader(wrong) },
];

beforeAll(async () => {
  const c = new Case(rule("set-up: a ticket and a subscription to aim at", "set-up"));
  ids.ticket = idOf(c, await freshTicket(c, model.defaultTicketType));
  sub = await subscribe(c, `id=${ids.ticket}`);
  ids.hub = sub.id;
  return async () => sub && unsubscribe(c, sub);
});

describe.concurrent("authentication", () => {
  for (const op of operations(model, target, runId)) {
    for (const w of ways) {
      it(
        `answers ${op.name} ${w.how} with 401`,
        check(rule("missing or wrong credentials: 401 with an Error body", op.name), async (c: Case) => {
          const ex = await c.call(op.request(ids), { auth: w.header === undefined ? "none" : { header: w.header } });
          expectError(c, ex, 401, `${op.name} ${w.how}`);
        }),
      );
    }
  }

  if (settings.auth !== "basic") {
    it(
      "issues a Bearer token for the operator's client credentials",
      check(
        rule(
          "POST {auth}/oauth/token with Basic client credentials -> {access_token, token_type Bearer, expires_in}",
          "POST /oauth/token",
          "chosen",
        ),
        async (c: Case) => {
          const ex = await c.call(
            {
              method: "POST",
              url: target.tokenUrl,
              raw: "grant_type=client_credentials",
              headers: { "content-type": "application/x-www-form-urlencoded" },
            },
            { auth: "basic" },
          );
          expectStatus(c, ex, 200, c.rule.rule);
          const b = ex.response.json as Record<string, unknown> | undefined;
          c.must(
            typeof b?.access_token === "string" &&
              String(b.token_type).toLowerCase() === "bearer" &&
              typeof b.expires_in === "number" &&
              b.expires_in > 0,
            "the token answer must be {access_token, token_type: Bearer, expires_in > 0}",
            ex,
          );
        },
      ),
    );

    it(
      "refuses a token to wrong client credentials with 401",
      check(
        rule("wrong client credentials at the token endpoint: 401", "POST /oauth/token", "chosen"),
        async (c: Case) => {
          const ex = await c.call(
            {
              method: "POST",
              url: target.tokenUrl,
              raw: "grant_type=client_credentials",
              headers: { "content-type": "application/x-www-form-urlencoded" },
            },
            { auth: { header: basicHeader(wrong) } },
          );
          expectError(c, ex, 401, c.rule.rule);
        },
      ),
    );

    it(
      "refuses a Bearer token once its expires_in has passed",
      check(
        rule("an expired access token is refused: 401 with an Error body", `GET /${model.resource}`, "chosen"),
        async (c: Case, ctx) => {
          const issued = await c.call(
            {
              method: "POST",
              url: target.tokenUrl,
              raw: "grant_type=client_credentials",
              headers: { "content-type": "application/x-www-form-urlencoded" },
            },
            { auth: "basic" },
          );
          expectStatus(c, issued, 200, "precondition: the token endpoint issues a token");
          const b = issued.response.json as { access_token?: unknown; expires_in?: unknown } | undefined;
          c.must(
            typeof b?.access_token === "string" && typeof b.expires_in === "number",
            "precondition: the token answer carries access_token and expires_in",
            issued,
          );
          const ttl = b.expires_in as number;
          if (ttl > MAX_TOKEN_WAIT_S)
            return ctx.skip(
              `the target's tokens live ${ttl} s, longer than this check waits (${MAX_TOKEN_WAIT_S} s); start it with shorter-lived tokens (simulator: --token-ttl) to check expiry`,
            );
          const bearer = { header: `Bearer ${b.access_token as string}` };
          const list = {
            method: "GET",
            url: target.tickets,
            query: [[model.reserved.limit, "1"]] as Array<[string, string]>,
          };
          expectStatus(c, await c.call(list, { auth: bearer }), 200, "precondition: a fresh token is accepted");
          await sleep(ttl * 1000 + 1000);
          expectError(
            c,
            await c.call(list, { auth: bearer }),
            401,
            `a token ${ttl + 1} s old, past its expires_in of ${ttl} s`,
          );
        },
      ),
    );

    it(
      "accepts a Bearer token on the API",
      check(rule("every API method takes Authorization: Bearer <token>", `GET /${model.resource}`), async (c: Case) => {
        expectStatus(
          c,
          await c.call(
            { method: "GET", url: target.tickets, query: [[model.reserved.limit, "1"]] },
            { auth: "bearer" },
          ),
          200,
          c.rule.rule,
        );
      }),
    );
  }

  if (settings.auth !== "bearer") {
    it(
      "accepts HTTP Basic credentials on the API",
      check(rule("plain HTTP Basic is accepted when configured", `GET /${model.resource}`), async (c: Case) => {
        expectStatus(
          c,
          await c.call({ method: "GET", url: target.tickets, query: [[model.reserved.limit, "1"]] }, { auth: "basic" }),
          200,
          c.rule.rule,
        );
      }),
    );
  }
});
