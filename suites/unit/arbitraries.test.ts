// The arbitraries produce model-valid bodies, and their mutations break a rule.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../../simulator/model/load.ts";
import { invalidBodyArb, validBodyArb } from "../model/arbitraries.ts";
import { bodyProblems } from "../model/validity.ts";

const model = loadProfile();

describe("arbitraries from the model", () => {
  for (const t of model.ticketTypes) {
    for (const op of model.operations) {
      it(`generates valid ${t} ${op} bodies`, () => {
        fc.assert(
          fc.property(validBodyArb(model, t, op), (b) => {
            expect(bodyProblems(model, t, op, b)).toEqual([]);
          }),
          { seed: 1, numRuns: 200 },
        );
      });
      it(`generates ${t} ${op} bodies breaking one rule`, () => {
        fc.assert(
          fc.property(invalidBodyArb(model, t, op), (m) => {
            expect(bodyProblems(model, t, op, m.body).length, `${m.kind} ${m.path}`).toBeGreaterThan(0);
          }),
          { seed: 1, numRuns: 200 },
        );
      });
    }
  }
});
