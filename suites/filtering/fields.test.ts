// Filtering by every filter field and operator, compared with the suite's own
// evaluation over the tickets this file created (docs/rules.md §7).
import { beforeAll, describe, it } from "vitest";
import { Case, check } from "../report/case.ts";
import { suiteFile } from "../support/context.ts";
import { filterCases } from "./cases.ts";
import { compareList, expectRejected, expectUnknownParameter } from "./compare.ts";
import { buildDataset, type Dataset } from "./dataset.ts";

const { model, runId } = suiteFile();
let ds: Dataset;

beforeAll(async () => {
  ds = await buildDataset(
    new Case({
      area: "Filtering",
      operation: `POST /${model.resource}`,
      rule: "data set of the filtering suite",
      provenance: "TMF",
    }),
  );
});

describe.concurrent("filtering by field", () => {
  for (const fc of filterCases(model, runId)) {
    it(
      fc.title,
      check(fc.rule, async (c: Case) => {
        if (fc.kind === "compare") await compareList(c, ds, fc.build(ds));
        else if (fc.kind === "unknown") await expectUnknownParameter(c, ds, fc.pairs(ds), fc.rule.rule);
        else await expectRejected(c, ds, fc.pairs(ds), fc.rule.rule);
      }),
    );
  }
});
