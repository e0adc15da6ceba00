// Paths through the lifecycle of the model (docs/rules.md §5): how a suite brings a
// fresh ticket to a state, by Nexera transitions (the driver) and operator PATCHes.
import type { Model, Transition } from "../../simulator/model/model.ts";

export interface Step {
  readonly by: "provider" | "operator";
  readonly from: string;
  readonly to: string;
}

/** The shortest path from the initial state to `target`; undefined when unreachable with the sides allowed. */
export function pathTo(
  model: Model,
  target: string,
  sides: { provider: boolean; operator: boolean },
): Step[] | undefined {
  const lc = model.lifecycle;
  const edges: Array<Transition & { by: Step["by"] }> = [
    ...(sides.provider ? lc.provider.map((t) => ({ ...t, by: "provider" as const })) : []),
    ...(sides.operator ? lc.operator.map((t) => ({ ...t, by: "operator" as const })) : []),
  ];
  const prev = new Map<string, Step | null>([[lc.initial, null]]);
  const queue = [lc.initial];
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (s === target) break;
    for (const e of edges) {
      if (e.from !== s || prev.has(e.to)) continue;
      prev.set(e.to, { by: e.by, from: e.from, to: e.to });
      queue.push(e.to);
    }
  }
  if (!prev.has(target)) return undefined;
  const path: Step[] = [];
  for (let step = prev.get(target); step; step = prev.get(step.from)) path.unshift(step);
  return path;
}

/** A walk visiting as many states as possible by Nexera transitions, for event sequences. */
export function longWalk(model: Model, maxSteps = 12): Step[] {
  const lc = model.lifecycle;
  const seen = new Set<string>([lc.initial]);
  const walk: Step[] = [];
  let s = lc.initial;
  while (walk.length < maxSteps) {
    const out = lc.provider.filter((t) => t.from === s);
    const next =
      out.find((t) => !seen.has(t.to) && !lc.final.has(t.to) && lc.provider.some((u) => u.from === t.to)) ??
      out.find((t) => !seen.has(t.to)) ??
      undefined;
    if (!next) break;
    walk.push({ by: "provider", from: s, to: next.to });
    seen.add(next.to);
    s = next.to;
  }
  return walk;
}
