// A target that stops answering mid-run ends the run, rather than failing every case
// left, one connection error each. When a case fails because a request could not reach
// the target, the watch asks the target once whether it still answers at all; if not,
// it records the loss and cancels the run: the cases running finish, the rest do not
// start, and the summary says so in one line (run-suites.ts reads the loss back).
import type { Reporter, TestCase, TestModule, Vitest } from "vitest/node";
import { unreachable } from "./preflight.ts";

export interface TargetLost {
  /** What the probe got instead of an answer (ECONNREFUSED, a timeout, ...). */
  readonly cause: string;
  /** Seconds into the run. */
  readonly seconds: number;
  /** Cases finished when it was lost. */
  readonly casesDone: number;
}

// vitest loads its config (and so this reporter) as a module of its own: the loss is
// handed back to run-suites.ts through the process, not through a module's state.
const KEY = Symbol.for("nexera.certify.targetLost");
type Holder = { [KEY]?: TargetLost };

export const targetLost = (): TargetLost | undefined => (globalThis as Holder)[KEY];
export const forgetTargetLost = (): void => void delete (globalThis as Holder)[KEY];

/** The harness client's message for a request that got no answer (suites/http/client.ts). */
const NO_ANSWER = /\bcannot reach (GET|POST|PATCH|PUT|DELETE) /;

/** Errors of which at least one, and all, are requests that got no answer. */
export const unanswered = (errors: ReadonlyArray<{ message: string }> = []): boolean =>
  errors.length > 0 && errors.every((e) => NO_ANSWER.test(e.message));
/** After a probe the target answered, the next connection error is probed again no sooner than this. */
const QUIET_MS = 2000;

export class TargetWatch implements Reporter {
  private vitest: Vitest | undefined;
  private readonly started = Date.now();
  private done = 0;
  private probing = false;
  private answeredAt = 0;

  constructor(private readonly url: string) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestCaseResult(test: TestCase): void {
    this.done++;
    const r = test.result();
    if (r.state === "failed" && r.errors.some((e) => NO_ANSWER.test(e.message))) this.suspect();
  }

  onTestModuleEnd(m: TestModule): void {
    const setupErrors = [m, ...m.children.allSuites()].flatMap((h) => h.errors());
    if (setupErrors.some((e) => NO_ANSWER.test(e.message))) this.suspect();
  }

  private suspect(): void {
    if (this.probing || targetLost() || Date.now() - this.answeredAt < QUIET_MS) return;
    this.probing = true;
    void unreachable(this.url).then((cause) => {
      this.probing = false;
      if (cause === undefined) {
        this.answeredAt = Date.now();
        return;
      }
      (globalThis as Holder)[KEY] = {
        cause,
        seconds: (Date.now() - this.started) / 1000,
        casesDone: this.done,
      };
      // Not awaited: it waits for the running cases, which this hook must not hold up.
      void this.vitest?.cancelCurrentRun("test-failure");
    });
  }
}
