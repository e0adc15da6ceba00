// The summary's table per area: not-run cases get their own column, under the area of
// their group's cases that ran; the column is left out when every case ran.
import { expect, it } from "vitest";
import type { CaseOutcome } from "../cli/run-suites.ts";
import { areaTable } from "../cli/summary.ts";

const rule = (area: string) => ({ id: `${area}/x`, area, operation: "GET /x", rule: "r", provenance: "TMF" });
const cases: CaseOutcome[] = [
  { name: "lifecycle rules > a", state: "passed", rule: rule("Lifecycle") },
  { name: "lifecycle rules > b", state: "notRun", why: "not run: the target stopped answering" },
  { name: "authentication > c", state: "notRun", why: "not run: the target stopped answering" },
  { name: "filtering > d", state: "skipped", rule: rule("Filtering"), why: "no reason" },
  { name: "filtering > e", state: "failed", rule: rule("Filtering"), why: "broken" },
];

it("counts not-run cases apart, under their group's area", () => {
  const rows = areaTable(cases).filter((l) => l.trim() !== "");
  expect(rows[0]).toMatch(/area\s+passed\s+failed\s+skipped\s+not run$/);
  expect(rows).toContainEqual(expect.stringMatching(/^ {2}Lifecycle\s+1\s+0\s+0\s+1$/));
  expect(rows).toContainEqual(expect.stringMatching(/^ {2}authentication\s+0\s+0\s+0\s+1$/));
  expect(rows).toContainEqual(expect.stringMatching(/^ {2}Filtering\s+0\s+1\s+1\s+0$/));
});

it("leaves the not-run column out when every case ran", () => {
  const ran = cases.filter((c) => c.state !== "notRun");
  expect(areaTable(ran).join("\n")).not.toMatch(/not run/);
});
