// Field rules of POST /troubleTicket, one case per rule, generated from the profile (docs/rules.md §4).
import { describe, it } from "vitest";
import { fieldCases } from "../model/field-cases.ts";
import { check } from "../report/case.ts";
import { suiteFile } from "../support/context.ts";
import { runFieldCase } from "./run-case.ts";

const { model, runId } = suiteFile();

describe.concurrent("field rules: POST", () => {
  for (const fc of fieldCases(model, runId).filter((x) => x.op === "POST"))
    it(
      fc.title,
      check(fc.rule, (c) => runFieldCase(c, fc)),
    );
});
