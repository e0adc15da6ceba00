// Authentication of operators (docs/rules.md §3, §8): OAuth2 client-credentials Bearer
// tokens issued by POST /oauth/token, and plain HTTP Basic, per the configured mode.
// An operator's user name is its tenant. Plain functions over a token map; the
// fastify glue lives in token.ts and app.ts.
import { randomBytes } from "node:crypto";
import { ApiError } from "../core/errors.ts";
import { type ActiveFaults, NO_FAULTS } from "../core/faults.ts";
import { type Credentials, parseCredentials } from "../model/credentials.ts";
import { AUTH_FAULT } from "./edge-faults.ts";

export type AuthMode = "bearer" | "basic" | "either";
export const AUTH_MODES: readonly AuthMode[] = ["bearer", "basic", "either"];

export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
}

export interface Authenticator {
  readonly mode: AuthMode;
  /** The operator named by an Authorization header, or an Unauthorized error thrown. */
  authenticate(authorization: string | undefined): string;
  /** The operator named by HTTP Basic client credentials (the token endpoint's check). */
  client(authorization: string | undefined): string;
  /**
   * The operator named by HTTP Basic credentials, whatever the mode: the console's check. The
   * mode is what an operator's client may send to the API; the console is a person in a
   * browser, whose only way to send credentials is Basic (docs/decisions/0012-console.md).
   */
  person(authorization: string | undefined): string;
  /** A new Bearer token for an operator. */
  issueToken(operator: string): TokenResponse;
}

const REALM = "Nexera";
const MISSING: Readonly<Record<AuthMode, string>> = {
  bearer: "an access token is required (Authorization: Bearer <token>, from POST /oauth/token)",
  basic: "HTTP Basic credentials are required",
  either: "credentials are required: Authorization: Bearer <token> (from POST /oauth/token) or HTTP Basic",
};

/**
 * The rules of docs/rules.md §3 a refused request breaks, as short stable texts
 * (RuleViolation): credentials are required (seed); the token's shape is chosen.
 */
export const AUTH_RULES = {
  missing: { rule: "every API call carries credentials", provenance: "seed" },
  wrongPassword: { rule: "HTTP Basic carries an operator's user name and password", provenance: "seed" },
  unknownToken: { rule: "a Bearer token is one the token endpoint issued", provenance: "chosen" },
  expiredToken: { rule: "an access token is used only within its lifetime (expires_in)", provenance: "chosen" },
  modeBasic: { rule: "this server takes HTTP Basic credentials only", provenance: "chosen" },
  modeBearer: { rule: "this server takes Bearer tokens only", provenance: "chosen" },
  scheme: { rule: "credentials use the Bearer or Basic scheme", provenance: "seed" },
  tokenClient: { rule: "a token request carries an operator's client credentials as HTTP Basic", provenance: "chosen" },
} as const;
export type AuthRule = keyof typeof AUTH_RULES;

/** A 401 with the WWW-Authenticate challenges to send along (RFC 7235, RFC 6750). */
export class Unauthorized extends ApiError {
  readonly challenges: readonly string[];
  constructor(message: string, challenges: readonly string[], rule: AuthRule = "missing") {
    super("unauthorized", message, [{ ...AUTH_RULES[rule], message, source: "docs/rules.md §3" }]);
    this.challenges = challenges;
  }
}

/**
 * Live access tokens one operator may hold (docs/rules.md §8): a client that asks for a token
 * per call must not grow the simulator for a whole token lifetime; its oldest goes first.
 */
export const MAX_TOKENS_PER_OPERATOR = 1_000;
/** Valid Basic headers remembered, and the longest remembered (a padded header is checked, never kept). */
const BASIC_CACHE = { entries: 10_000, headerChars: 256 } as const;

export interface AuthOptions {
  operators: readonly Credentials[];
  mode: AuthMode;
  tokenTtlSeconds: number;
  /** Milliseconds since the epoch; injectable so tests can expire tokens. */
  now?: () => number;
  /** Deliberate misbehaviour (edge-faults.ts). */
  faults?: ActiveFaults;
}

export function createAuthenticator(opts: AuthOptions): Authenticator {
  const { mode, tokenTtlSeconds } = opts;
  const now = opts.now ?? Date.now;
  const faults = opts.faults ?? NO_FAULTS;
  const passwords = new Map(opts.operators.map((o) => [o.user, o.password]));
  const tokens = new Map<string, { operator: string; expiresAt: number }>();
  // Each operator's live tokens, oldest first (a Set iterates in insertion order).
  const issued = new Map<string, Set<string>>();
  const revoke = (token: string) => {
    const entry = tokens.get(token);
    tokens.delete(token);
    if (entry) issued.get(entry.operator)?.delete(token);
  };
  // Valid Basic header values seen before: the hot path then costs one map lookup.
  const basicSeen = new Map<string, string>();

  const bearerChallenge = (error?: string) =>
    `Bearer realm="${REALM}"${error ? `, error="invalid_token", error_description="${error}"` : ""}`;
  const basicChallenge = `Basic realm="${REALM}", charset="UTF-8"`;
  const challenges = (tokenError?: string): string[] =>
    mode === "bearer"
      ? [bearerChallenge(tokenError)]
      : mode === "basic"
        ? [basicChallenge]
        : [bearerChallenge(tokenError), basicChallenge];
  const fail = (message: string, rule: AuthRule, tokenError?: string): never => {
    throw new Unauthorized(message, challenges(tokenError), rule);
  };

  const basic = (header: string, credentials: string): string => {
    const known = basicSeen.get(header);
    if (known !== undefined) return known;
    let given: Credentials;
    try {
      given = parseCredentials(Buffer.from(credentials, "base64").toString("utf8"));
    } catch {
      return fail("wrong user name or password", "wrongPassword");
    }
    if (passwords.get(given.user) !== given.password) return fail("wrong user name or password", "wrongPassword");
    if (basicSeen.size < BASIC_CACHE.entries && header.length <= BASIC_CACHE.headerChars)
      basicSeen.set(header, given.user);
    return given.user;
  };

  const bearer = (token: string): string => {
    const entry = tokens.get(token);
    if (!entry) return fail("unknown access token", "unknownToken", "unknown token");
    if (entry.expiresAt <= now()) {
      revoke(token);
      return fail("the access token has expired", "expiredToken", "token expired");
    }
    return entry.operator;
  };

  const split = (authorization: string | undefined): [scheme: string, rest: string] | undefined => {
    if (!authorization) return undefined;
    const space = authorization.indexOf(" ");
    if (space < 0) return [authorization.toLowerCase(), ""];
    return [authorization.slice(0, space).toLowerCase(), authorization.slice(space + 1).trim()];
  };

  return {
    mode,
    authenticate(authorization) {
      const parts = split(authorization);
      if (!parts)
        return faults.has(AUTH_FAULT.noCredentials) ? (opts.operators[0]?.user ?? "") : fail(MISSING[mode], "missing");
      const [scheme, rest] = parts;
      if (scheme === "bearer") {
        if (mode === "basic")
          return fail("this server accepts HTTP Basic credentials only, not Bearer tokens", "modeBasic");
        return bearer(rest);
      }
      if (scheme === "basic") {
        if (mode === "bearer")
          return fail("this server accepts Bearer tokens only (get one at POST /oauth/token)", "modeBearer");
        return basic(authorization as string, rest);
      }
      return fail(`unsupported authorization scheme "${scheme}"`, "scheme");
    },
    client(authorization) {
      const parts = split(authorization);
      if (parts?.[0] !== "basic") {
        throw new Unauthorized(
          "the token endpoint takes the client credentials as HTTP Basic",
          [basicChallenge],
          "tokenClient",
        );
      }
      try {
        return basic(authorization as string, parts[1]);
      } catch {
        throw new Unauthorized("wrong client id or secret", [basicChallenge], "tokenClient");
      }
    },
    person(authorization) {
      const parts = split(authorization);
      const refuse = (message: string, rule: AuthRule) => new Unauthorized(message, [basicChallenge], rule);
      if (parts?.[0] !== "basic")
        throw refuse("the console takes an operator's user name and password (HTTP Basic)", "missing");
      try {
        return basic(authorization as string, parts[1]);
      } catch {
        throw refuse("wrong user name or password", "wrongPassword");
      }
    },
    issueToken(operator) {
      const t = now();
      for (const [k, v] of tokens) if (v.expiresAt <= t) revoke(k);
      const mine = issued.get(operator) ?? new Set<string>();
      issued.set(operator, mine);
      for (const oldest of mine) {
        if (mine.size < MAX_TOKENS_PER_OPERATOR) break;
        revoke(oldest);
      }
      const access_token = randomBytes(24).toString("base64url");
      const expiresAt = faults.has(AUTH_FAULT.expiredToken) ? Number.POSITIVE_INFINITY : t + tokenTtlSeconds * 1000;
      tokens.set(access_token, { operator, expiresAt });
      mine.add(access_token);
      return { access_token, token_type: "Bearer", expires_in: tokenTtlSeconds };
    },
  };
}

/** Duplicate user names would make the tenant ambiguous. */
export function checkOperators(operators: readonly Credentials[]): void {
  if (operators.length === 0) throw new Error("at least one operator (user:password) is needed");
  const seen = new Set<string>();
  for (const o of operators) {
    if (o.user.includes(":")) throw new Error(`operator name "${o.user}" must not contain ":"`);
    if (seen.has(o.user)) throw new Error(`operator "${o.user}" is defined twice`);
    seen.add(o.user);
  }
}
