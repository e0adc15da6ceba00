// The suites' own reading of "does this body meet every rule" (docs/rules.md §4), used to
// check the generators themselves: valid arbitraries must pass, mutations must not.
// The reading is the model's request schema of the ticket type and operation.
import type { Model, Operation } from "../../simulator/model/model.ts";
import { schemaProblems } from "../../simulator/model/schema-check.ts";
import { requestName } from "../../simulator/model/schema-names.ts";

export function bodyProblems(model: Model, ticketType: string, op: Operation, body: unknown): string[] {
  return schemaProblems(model, requestName(model, ticketType, op), body, "the body").map((p) => p.message);
}
