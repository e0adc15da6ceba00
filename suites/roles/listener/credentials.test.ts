// Listener credentials (docs/rules.md §3): an operator that puts credentials in its hub
// callback has Nexera send them as HTTP Basic, so its listener must refuse an event
// without them, or with wrong ones, with 401 (not acknowledged). Certified with
// --credentials only: without them the listener is not expected to authenticate.
import { describe, it } from "vitest";
import { listenerName } from "../../../simulator/model/model.ts";
import { statesOf } from "../../model/outgoing-events.ts";
import { type Case, check } from "../../report/case.ts";
import { suiteFile } from "../../support/context.ts";
import { type Auth, deliver, eventNow, expectRefused } from "./deliver.ts";
import { listenerRules } from "./rules.ts";

const { model, settings } = suiteFile();
const rules = listenerRules(model);
const rule = model.events.rules.find((r) => statesOf(model, r, model.defaultTicketType).length > 0);
const NO_CREDENTIALS = "no --credentials given: whether the listener refuses events without credentials is not checked";

const ways: ReadonlyArray<{ how: string; auth: Auth }> = [
  { how: "without credentials", auth: "none" },
  { how: "with a wrong password", auth: "wrong" },
];

describe.concurrent("listener credentials", () => {
  if (rule === undefined) return;
  const t = model.defaultTicketType;
  const s = statesOf(model, rule, t)[0]!;
  for (const w of ways) {
    it(
      `refuses ${rule.eventType} ${w.how} with 401`,
      check(
        rules.credentials(`POST {callback}/listener/${listenerName(model, rule.eventType)}`),
        async (c: Case, ctx) => {
          if (settings.listenerCredentials === undefined) return ctx.skip(NO_CREDENTIALS);
          const event = eventNow(c.ctx, rule, { ticketType: t, status: s, key: `auth-${w.auth}` });
          expectRefused(c, await deliver(c, event, w.auth), w.how);
        },
      ),
    );
  }
});
