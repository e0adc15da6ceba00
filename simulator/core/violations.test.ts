// A request with very many violations (a 1 MiB array of wrong items) keeps a bounded
// number and counts the rest: kept, 500 000 of them took the server seconds of
// garbage collection, during which every other request waited.
import { expect, it } from "vitest";
import { loadProfile } from "../model/load.ts";
import { sampleTicket } from "../model/sample.ts";
import { compileValidators, describeViolations, MAX_KEPT_VIOLATIONS } from "./validate.ts";

const model = loadProfile();
const validators = compileValidators(model);

it("keeps MAX_KEPT_VIOLATIONS violations and counts the rest", () => {
  const body = { ...sampleTicket(model, model.defaultTicketType), note: Array(500_000).fill(0) };
  const { violations } = validators.create(body);
  expect(violations).toHaveLength(MAX_KEPT_VIOLATIONS);
  expect(violations[0]?.message).toBe("note[0] must be an object");
  expect(describeViolations(violations)).toMatch(/note\[99\] must be an object; and 499900 more violation\(s\)/);
});

it("keeps every violation of an ordinary request, and lists them all", () => {
  const { violations } = validators.create({ name: 1, colour: "red" });
  expect(violations.length).toBeGreaterThan(2);
  expect(describeViolations(violations)).not.toMatch(/more violation/);
  expect(describeViolations(violations.slice(0, 2))).toBe(
    violations
      .slice(0, 2)
      .map((v) => v.message)
      .join("; "),
  );
});
