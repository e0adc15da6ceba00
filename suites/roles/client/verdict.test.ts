// certify --role client: one case per case of the verdict certify wrote after watching the
// operator's client (settings.clientVerdict, simulator/model/client-verdict.ts). A kept
// rule passes; a broken one fails, stating the rule, what the client did and the requests
// that show it (attached, credentials already redacted); what the client never exercised
// is skipped, with that reason, so it is reported and never failed.
import { readFileSync } from "node:fs";
import * as allure from "allure-js-commons";
import { describe, it } from "vitest";
import type { ClientVerdict, RecordedExchange, VerdictCase } from "../../../simulator/model/client-verdict.ts";
import { type Case, check } from "../../report/case.ts";
import { suiteFile } from "../../support/context.ts";
import { HarnessError, NonConformance } from "../../support/errors.ts";

const NOT_EXERCISED = "not exercised by the client";

const { settings } = suiteFile();
const verdict = readVerdict(settings.clientVerdict);
const areas = [...new Set(verdict.cases.map((c) => c.area))];

for (const area of areas)
  describe(area, () => {
    for (const v of verdict.cases.filter((c) => c.area === area))
      it(
        `${v.operation}: ${v.rule}`,
        check(
          {
            area: v.area,
            operation: v.operation,
            rule: v.rule,
            provenance: v.provenance,
            ...(v.source !== undefined ? { source: v.source } : {}),
          },
          async (_c: Case, ctx) => {
            if (v.why !== undefined) await allure.parameter("what the client did", v.why);
            if (v.examples.length > 0)
              await allure.attachment(
                `recorded exchanges (${v.examples.length})`,
                JSON.stringify(v.examples, null, 1),
                "application/json",
              );
            if (v.outcome === "notExercised") return ctx.skip(NOT_EXERCISED);
            if (v.outcome === "broken") throw new NonConformance(brokenMessage(v));
          },
        ),
      );
  });

function brokenMessage(v: VerdictCase): string {
  return [
    v.why ?? "the client broke this rule",
    `  rule: ${v.rule} [${v.provenance}${v.source ? `: ${v.source}` : ""}]`,
    `  area: ${v.area} / ${v.operation}`,
    ...v.examples.slice(0, 1).flatMap((e) => describe1(e).map((l) => `  ${l}`)),
  ].join("\n");
}

function describe1(e: RecordedExchange): string[] {
  return [
    `sent: ${e.method} ${e.url}${e.operator !== undefined ? ` (as ${e.operator})` : ""}`,
    ...(e.request !== undefined ? [`      ${e.request}`] : []),
    `got:  ${e.status !== undefined ? `HTTP ${e.status}` : "no answer"}`,
    ...(e.response !== undefined ? [`      ${e.response}`] : []),
  ];
}

function readVerdict(file: string | undefined): ClientVerdict {
  if (file === undefined) throw new HarnessError("no verdict file: certify --role client writes one before this suite");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ClientVerdict;
  } catch (e) {
    throw new HarnessError(`cannot read the verdict ${file}: ${(e as Error).message}`);
  }
}
