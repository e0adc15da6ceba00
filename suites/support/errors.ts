// Two kinds of failure, kept apart so a harness bug is never reported as the
// target's non-conformance (guide: style §5).

/** A fault of the harness, its settings or its environment: not a finding about the target. */
export class HarnessError extends Error {
  override name: string = "HarnessError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(`[harness fault, not a finding about the target] ${message}`, options);
  }
}

/** The target broke a rule of the profile. The message names the rule, what was sent and what came back. */
export class NonConformance extends Error {
  override name: string = "NonConformance";
}

/** A driver (how Nexera-side changes happen) failed; the target may still be right. */
export class DriverError extends HarnessError {
  override name = "DriverError";
}
