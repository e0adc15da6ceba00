// The generated cases themselves: enough of them, distinct, and each breaking
// exactly the rule it names (checked with the suites' own reading of the rules).
import { describe, expect, it } from "vitest";
import { loadProfile } from "../../simulator/model/load.ts";
import { filterCases } from "../filtering/cases.ts";
import { fieldCases } from "../model/field-cases.ts";
import { bodyProblems } from "../model/validity.ts";

const model = loadProfile();
const cases = fieldCases(model, "unit");

describe("generated field-rule cases", () => {
  it("gives every case a distinct title", () => {
    expect(new Set(cases.map((c) => c.title)).size).toBe(cases.length);
  });

  it("covers every ticket type, operation and top-level field", () => {
    for (const t of model.ticketTypes)
      for (const op of model.operations)
        for (const f of model.root.fields) {
          expect(
            cases.some((c) => c.ticketType === t && c.op === op && c.rule.rule.startsWith(`${f.name}:`)),
            `${t} ${op} ${f.name}`,
          ).toBe(true);
        }
  });

  it("makes every accepted body meet every rule", () => {
    for (const c of cases.filter((x) => x.expect.kind === "accept"))
      expect(bodyProblems(model, c.ticketType, c.op, c.body), c.title).toEqual([]);
  });

  it("makes every rejected body break at least one rule", () => {
    for (const c of cases.filter((x) => x.expect.kind === "reject"))
      expect(bodyProblems(model, c.ticketType, c.op, c.body).length, c.title).toBeGreaterThan(0);
  });

  it("generates at least 500 field-rule and filtering cases from the default profile (the other suites add about 200)", () => {
    expect(cases.length + filterCases(model, "unit").length).toBeGreaterThanOrEqual(500);
  });
});
