// Field rules of PATCH /troubleTicket/{id} on a fresh (submitted) ticket, one case per rule (docs/rules.md §4).
import { describe, it } from "vitest";
import { fieldCases } from "../model/field-cases.ts";
import { check } from "../report/case.ts";
import { suiteFile } from "../support/context.ts";
import { runFieldCase } from "./run-case.ts";

const { model, runId } = suiteFile();

describe.concurrent("field rules: PATCH", () => {
  for (const fc of fieldCases(model, runId).filter((x) => x.op === "PATCH"))
    it(
      fc.title,
      check(fc.rule, (c) => runFieldCase(c, fc)),
    );
});
