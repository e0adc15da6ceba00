// fast-check inside it(): the seed comes from the run's seed and the test's title, so
// one --seed replays every property, and a failure names the rule, the run seed and
// the smallest failing input (fast-check's counterexample after shrinking).
import fc from "fast-check";
import type { Case } from "../report/case.ts";
import { HarnessError, NonConformance } from "./errors.ts";

/** FNV-1a of the run seed and a title: a stable per-test seed. */
export function seedFor(runSeed: number, title: string): number {
  let h = 0x811c9dc5 ^ (runSeed | 0);
  for (const ch of `${runSeed}:${title}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export async function holds<T>(
  c: Case,
  title: string,
  arb: fc.Arbitrary<T>,
  body: (v: T) => Promise<void>,
  runs?: number,
): Promise<void> {
  const s = c.ctx.settings;
  const seed = seedFor(s.seed, title);
  c.attachCalls = false;
  try {
    await fc.assert(fc.asyncProperty(arb, body), { seed, numRuns: runs ?? s.runs, endOnFailure: false });
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof HarnessError) throw cause;
    const message = (e as Error).message;
    throw new NonConformance(
      [
        `property "${title}" fails: ${c.rule.rule} [${c.rule.provenance}${c.rule.source ? `: ${c.rule.source}` : ""}]`,
        `run seed ${s.seed} (replay: npm run certify -- --seed ${s.seed}); fast-check seed ${seed}`,
        message,
      ].join("\n"),
      { cause },
    );
  } finally {
    c.attachCalls = true;
  }
}
