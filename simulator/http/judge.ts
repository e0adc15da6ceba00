// The judge of `certify --role client`: a pure function from what the traffic recorder saw
// (traffic.ts) and the model to the verdict (simulator/model/client-verdict.ts). Every
// request the simulator refused broke a rule, named by the simulator's own validation and
// lifecycle; those group into one broken case per rule. Then the coverage of operations and
// behaviours (judge-coverage.ts) and the listener's acknowledgements (judge-events.ts).
import type { ClientVerdict, VerdictCase } from "../model/client-verdict.ts";
import type { Model } from "../model/model.ts";
import { behaviourCases, operationCases } from "./judge-coverage.ts";
import { eventCases } from "./judge-events.ts";
import { type BrokenRule, brokenBy, CONTROL_RULE, classify, exampleOf, operations } from "./judge-requests.ts";
import type { TrafficLog, TrafficRecord } from "./traffic.ts";

export function judgeTraffic(model: Model, log: TrafficLog, endedAt: Date = new Date()): ClientVerdict {
  const all = classify(model, log);
  const ops = operations(model, log.basePath);
  const cases: VerdictCase[] = [
    ...brokenCases(model, all),
    ...operationCases(model, log, ops, all),
    ...behaviourCases(model, log, ops, all),
    ...eventCases(model, log),
  ];
  if (!cases.some((c) => c.rule === CONTROL_RULE))
    cases.push({
      area: "Control interface",
      operation: "/__control",
      rule: CONTROL_RULE,
      provenance: "chosen",
      source: "docs/rules.md §8",
      outcome: "kept",
      count: all.length,
      why: "no call to /__control",
      examples: [],
    });
  return {
    profile: model.id,
    title: model.title,
    startedAt: log.startedAt,
    endedAt: endedAt.toISOString(),
    operators: log.operators,
    activeOperators: [...new Set(log.records.flatMap((r) => (r.operator !== undefined ? [r.operator] : [])))],
    requests: log.records.length + log.dropped,
    dropped: log.dropped,
    cases,
    conformant: !cases.some((c) => c.outcome === "broken"),
  };
}

/** One case per rule broken, over every request that broke it, in the order first broken. */
function brokenCases(model: Model, all: ReturnType<typeof classify>): VerdictCase[] {
  const groups = new Map<string, { first: BrokenRule; records: TrafficRecord[]; labels: Set<string> }>();
  for (const { r, op } of all)
    for (const b of brokenBy(model, r, op)) {
      const key = `${b.area}\u0000${b.rule}`;
      const g = groups.get(key) ?? { first: b, records: [], labels: new Set<string>() };
      if (!g.records.includes(r)) g.records.push(r);
      g.labels.add(op.label);
      groups.set(key, g);
    }
  return [...groups.values()].map(({ first, records, labels }) => {
    const statuses = [...new Set(records.map((r) => r.status))].join(", ");
    const n = records.length;
    const ops = [...labels];
    return {
      area: first.area,
      operation: ops.length > 3 ? `${ops.slice(0, 3).join(", ")} and ${ops.length - 3} more` : ops.join(", "),
      rule: first.rule,
      provenance: first.provenance,
      ...(first.source !== undefined ? { source: first.source } : {}),
      outcome: "broken",
      count: n,
      // The message adds what the rule text does not say (the ticket, the states, the value), if anything.
      why: `${n} request${n === 1 ? "" : "s"} answered ${statuses}${first.message === first.rule ? "" : `: ${n > 1 ? "e.g. " : ""}${first.message}`} (${records[0]!.method} ${records[0]!.path})`,
      examples: records.slice(0, 3).map(exampleOf),
    };
  });
}
