// The one error catalogue of the simulator: each error it can answer has a stable
// code, HTTP status and reason here. Messages carry the specifics.

export const CATALOGUE = {
  badRequest: { status: 400, code: "INVALID_BODY", reason: "Invalid request body" },
  badJson: { status: 400, code: "MALFORMED_JSON", reason: "Request body is not valid JSON" },
  badQuery: { status: 400, code: "INVALID_QUERY", reason: "Invalid query parameter" },
  badCallback: { status: 400, code: "INVALID_SUBSCRIPTION", reason: "Invalid hub subscription" },
  badUrl: { status: 400, code: "INVALID_URL", reason: "Invalid request URL" },
  // What the HTTP parser refuses before there is a request to route (bad request
  // line or headers, headers over the size limit, broken chunking).
  malformedRequest: { status: 400, code: "MALFORMED_REQUEST", reason: "Malformed HTTP request" },
  unauthorized: { status: 401, code: "UNAUTHORIZED", reason: "Missing or invalid credentials" },
  forbidden: { status: 403, code: "FORBIDDEN", reason: "Forbidden" },
  notFound: { status: 404, code: "NOT_FOUND", reason: "Resource not found" },
  methodNotAllowed: { status: 405, code: "METHOD_NOT_ALLOWED", reason: "Method not allowed" },
  // A client too slow to send its request: 408 (not in docs/rules.md §2's list) so it knows it may retry.
  requestTimeout: { status: 408, code: "REQUEST_TIMEOUT", reason: "Request timeout" },
  conflict: { status: 409, code: "INVALID_TRANSITION", reason: "Conflict with the ticket's status" },
  // The simulator's limits (docs/rules.md §8): 409, the state of what the request adds to (a
  // full collection, a full ticket) conflicts with it. Not 429: waiting frees nothing. Not
  // 507: a 5xx would blame the server for a limit it was given. The message names the setting.
  ticketLimit: { status: 409, code: "TICKET_LIMIT_REACHED", reason: "Ticket limit reached" },
  ticketTooLarge: { status: 409, code: "TICKET_TOO_LARGE", reason: "Ticket size limit reached" },
  subscriptionLimit: { status: 409, code: "SUBSCRIPTION_LIMIT_REACHED", reason: "Hub subscription limit reached" },
  streamLimit: { status: 409, code: "STREAM_LIMIT_REACHED", reason: "Console live update limit reached" },
  tooLarge: { status: 413, code: "PAYLOAD_TOO_LARGE", reason: "Request body too large" },
  unsupportedMediaType: { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", reason: "Unsupported content type" },
  expectationFailed: { status: 417, code: "EXPECTATION_FAILED", reason: "Expectation not supported" },
  internal: { status: 500, code: "INTERNAL_ERROR", reason: "Internal server error" },
} as const;

export type ErrorKind = keyof typeof CATALOGUE;

export interface TmfError {
  code: string;
  reason: string;
  message: string;
  status: string;
  "@type": "Error";
}

/**
 * One rule a request broke, for whoever judges a client's traffic (certify --role client):
 * `rule` is short and stable (array indices as `[]`, no values), so violations group by
 * rule; `message` is what the Error body says about this request.
 */
export interface RuleViolation {
  readonly rule: string;
  /** The field (`relatedParty[1].role`) or query parameter (`colour`) concerned. */
  readonly path?: string;
  readonly message: string;
  /** Where the rule comes from, when the profile says (seed, TMF, chosen). */
  readonly provenance?: string;
  readonly source?: string;
}

/** An error the simulator answers to its client (a fault of the request). */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  /** The rules broken, where the thrower names them; the body's message says the same in words. */
  readonly violations?: readonly RuleViolation[];
  constructor(kind: ErrorKind, message: string, violations?: readonly RuleViolation[]) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.status = CATALOGUE[kind].status;
    if (violations !== undefined && violations.length > 0) this.violations = violations;
  }
  body(): TmfError {
    const c = CATALOGUE[this.kind];
    return { code: c.code, reason: c.reason, message: this.message, status: String(c.status), "@type": "Error" };
  }
}

export function errorBody(kind: ErrorKind, message: string): TmfError {
  return new ApiError(kind, message).body();
}
