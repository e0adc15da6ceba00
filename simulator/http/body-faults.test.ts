// crash-on-deep-nesting (content.ts) answers a body deeper than the limit with a 500, and only that:
// a body within the limit, and one over the size limit, keep their usual answers.
import { expect, it } from "vitest";
import { MAX_BODY_DEPTH } from "../model/limits.ts";
import { sampleTicket } from "../model/sample.ts";
import { parseFaults } from "./faults.ts";
import { ALICE, basic, build, call, model, TICKETS } from "./testing.ts";

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const withName = (raw: string) =>
  JSON.stringify(sampleTicket(model, model.defaultTicketType)).replace(/^\{/, `{"x":${raw},`);

it("crash-on-deep-nesting answers a body nested past the limit with 500, where the simulator answers 400", async () => {
  const raw = withName(nested(MAX_BODY_DEPTH + 1));
  const honest = await call(build(), { method: "POST", url: TICKETS, auth: basic(ALICE), raw });
  const broken = build({ faults: parseFaults(["crash-on-deep-nesting"]) });
  const crashed = await call(broken, { method: "POST", url: TICKETS, auth: basic(ALICE), raw });
  expect([honest.statusCode, crashed.statusCode]).toEqual([400, 500]);
  const deepest = await call(broken, {
    method: "POST",
    url: TICKETS,
    auth: basic(ALICE),
    raw: withName(nested(100_000)),
  });
  expect(deepest.statusCode).toBe(500);
});

it("crash-on-deep-nesting leaves shallow bodies and bodies over the size limit alone", async () => {
  const broken = build({ faults: parseFaults(["crash-on-deep-nesting"]), bodyLimit: 4096 });
  const shallow = await call(broken, { method: "POST", url: TICKETS, auth: basic(ALICE), raw: withName(nested(3)) });
  expect(shallow.statusCode).toBe(400);
  const big = await call(broken, { method: "POST", url: TICKETS, auth: basic(ALICE), raw: withName(nested(5000)) });
  expect(big.statusCode).toBe(413);
  const valid = sampleTicket(model, model.defaultTicketType);
  expect((await call(broken, { method: "POST", url: TICKETS, auth: basic(ALICE), body: valid })).statusCode).toBe(201);
});
