import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { chosenRules } from "./chosen.ts";
import { loadProfile } from "./load.ts";
import { README, withChosenRules } from "./readme.ts";

const model = loadProfile();

it("lists in the README every chosen rule of the default profile (run npm run docs if this fails)", () => {
  const readme = readFileSync(README, "utf8");
  expect(withChosenRules(readme, model)).toBe(readme);
});

it("lists the chosen cells of fields whose other cells come from the seed or TMF", () => {
  const rows = chosenRules(model);
  expect(rows.find((r) => r.where === "severity")?.rule).toBe("Complaint POST: O");
  expect(rows.some((r) => r.where === "description")).toBe(false);
});
