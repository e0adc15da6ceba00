// The verdict of `certify --role client` (reports/client/verdict.json): what an operator's
// client did to the simulator, judged by the profile's rules. Types only, so the simulator
// (which writes it) and the client role's suite (which reports it) share one definition.

/** kept: exercised within the rules; broken: a rule broken; notExercised: the client never did it (reported, not failed). */
export type CaseOutcome = "kept" | "broken" | "notExercised";

/** One recorded request and its answer, or one event delivery, credentials redacted. */
export interface RecordedExchange {
  readonly at: string;
  /** The authenticated operator, when there was one. */
  readonly operator?: string;
  readonly method: string;
  /** Path and query as sent; for an event, the listener URL Nexera posted to. */
  readonly url: string;
  /** The answer's status; absent when a delivery got no answer (see response). */
  readonly status?: number;
  /** The request body as sent (bounded; passwords and tokens masked). */
  readonly request?: string;
  /** The TMF Error body of a refused request, or what a listener answered. */
  readonly response?: string;
}

/** One case of the verdict: a rule broken or kept, or a piece of coverage. */
export interface VerdictCase {
  /** Allure epic, e.g. "Field rules", "Operations", "Behaviours", "Events". */
  readonly area: string;
  /** Allure feature, e.g. "POST /troubleTicket (Complaint)". */
  readonly operation: string;
  /** Allure story: the rule, e.g. "priority is prohibited for Customer_Trouble_Ticket POST". */
  readonly rule: string;
  /** seed, TMF or chosen (docs/rules.md, "How to read it"). */
  readonly provenance: string;
  readonly source?: string;
  readonly outcome: CaseOutcome;
  /** Requests (or tickets, events) the case is about: those that kept it, or those that broke it. */
  readonly count: number;
  /** What the client did, in a sentence: the first thing a reader of a broken case needs. */
  readonly why?: string;
  /** Up to three exchanges that show it. */
  readonly examples: readonly RecordedExchange[];
}

export interface ClientVerdict {
  /** The profile's id and title. */
  readonly profile: string;
  readonly title: string;
  readonly startedAt: string;
  readonly endedAt: string;
  /** The operators the simulator accepted, and those that sent anything. */
  readonly operators: readonly string[];
  readonly activeOperators: readonly string[];
  /** Requests recorded (those past the recorder's bound are counted in dropped). */
  readonly requests: number;
  readonly dropped: number;
  readonly cases: readonly VerdictCase[];
  /** True when no case is broken. */
  readonly conformant: boolean;
}
