// What the rules document needs from the layers above the model: the simulator's
// fixed paths, defaults, error catalogue and delivery budget. simulator/cli fills
// it from the constants the server itself uses (simulator/cli/docs-facts.ts), so
// the document cannot drift from the code while this layer imports nothing.

export interface ErrorFact {
  readonly status: number;
  readonly code: string;
  readonly reason: string;
}

/** One limit of the simulator's state (docs/rules.md §8): its default and the setting that changes it. */
export interface LimitFact {
  readonly value: number;
  /** The command whose flag it is, e.g. "simulate" (npm run simulate). */
  readonly command: string;
  /** e.g. --max-tickets-per-operator */
  readonly flag: string;
}

export interface LimitFacts {
  readonly ticketsPerOperator: LimitFact;
  readonly ticketBytes: LimitFact;
  readonly subscriptionsPerOperator: LimitFact;
  readonly pendingDeliveries: LimitFact;
  readonly deliveryRecords: LimitFact;
  readonly listenerRecords: LimitFact;
  /** Live access tokens per operator; a new one revokes the oldest. Not a setting. */
  readonly tokensPerOperator: number;
  /** Changes the timelines keep (the console, GET /__control/{resource}/{id}/timeline). Not a setting. */
  readonly changeRecords: number;
  /** The console's live update streams open at once. Not a setting. */
  readonly consoleStreams: number;
  /** The header that counts the records a bounded history dropped. */
  readonly droppedHeader: string;
  /** The refusals past a limit (all one status). */
  readonly refusals: {
    readonly tickets: ErrorFact;
    readonly ticketBytes: ErrorFact;
    readonly subscriptions: ErrorFact;
    readonly streams: ErrorFact;
  };
}

export interface ServerFacts {
  /** The token endpoint, at the server root (e.g. /oauth/token). */
  readonly tokenPath: string;
  /** The control interface's prefix, at the server root (e.g. /__control). */
  readonly controlPrefix: string;
  readonly openapiPath: string;
  readonly defaultOperator: { readonly user: string; readonly password: string };
  readonly defaultAuthMode: string;
  readonly authModes: readonly string[];
  readonly tokenTtlSeconds: number;
  /** Deepest nesting a JSON body may have. */
  readonly maxBodyDepth: number;
  /** Largest request line and headers the HTTP parser takes, in bytes (Node's maxHeaderSize). */
  readonly maxHeaderBytes: number;
  /** Violations one Error message lists before counting the rest. */
  readonly maxListedViolations: number;
  readonly errors: readonly ErrorFact[];
  readonly delivery: {
    readonly maxAttempts: number;
    readonly maxAgeMs: number;
    readonly timeoutMs: number;
    readonly backoffBaseMs: number;
    readonly backoffMaxMs: number;
    /** Fraction of each backoff randomised either way. */
    readonly jitter: number;
    /** Answers besides 5xx that mean "try again later". */
    readonly retryStatuses: readonly number[];
  };
  readonly limits: LimitFacts;
}
