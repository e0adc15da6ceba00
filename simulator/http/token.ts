// POST /oauth/token at the server root (docs/rules.md §3, §8): OAuth2 client credentials.
// The client authenticates with HTTP Basic (an operator's user:password); the body
// is form-encoded (RFC 6749 §4.4) or, as a courtesy, JSON.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../core/errors.ts";
import type { Authenticator } from "./auth.ts";
import { acceptOnly, decodeUtf8, useJsonParser } from "./content.ts";

export const TOKEN_PATH = "/oauth/token";
/** The token request's shape is chosen (docs/rules.md §3: OAuth2 client credentials, RFC 6749). */
const TOKEN_RULE = { provenance: "chosen", source: "docs/rules.md §3" } as const;
const FORM = "application/x-www-form-urlencoded";

export interface TokenRoutesOptions {
  auth: Authenticator;
}

export async function tokenRoutes(app: FastifyInstance, opts: TokenRoutesOptions): Promise<void> {
  useJsonParser(app, ["application/json"]);
  app.addContentTypeParser(FORM, { parseAs: "buffer" }, (_request, body, done) => {
    try {
      done(null, parseForm(decodeUtf8(body as Buffer, "badRequest")));
    } catch (e) {
      done(e as ApiError, undefined);
    }
  });

  const checkClient = (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    request.operator = opts.auth.client(request.headers.authorization);
    done();
  };
  app.post(
    TOKEN_PATH,
    { onRequest: checkClient, preParsing: acceptOnly([FORM, "application/json"]) },
    (request, reply) => {
      const body = request.body;
      const grant =
        typeof body === "object" && body !== null ? (body as Record<string, unknown>).grant_type : undefined;
      if (grant !== "client_credentials") {
        const message = `grant_type must be client_credentials (got ${grant === undefined ? "none" : JSON.stringify(grant)})`;
        throw new ApiError("badRequest", message, [
          { rule: "grant_type must be client_credentials", path: "grant_type", message, ...TOKEN_RULE },
        ]);
      }
      const token = opts.auth.issueToken(request.operator);
      return reply.header("cache-control", "no-store").header("pragma", "no-cache").send(token);
    },
  );
}

/** A form body as a null-prototype record; a parameter given twice is 400 (RFC 6749 §3.1). */
function parseForm(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of new URLSearchParams(text)) {
    if (Object.hasOwn(out, k)) {
      const message = `the token request gives "${k}" more than once`;
      throw new ApiError("badRequest", message, [
        { rule: "a token request gives each form parameter once", path: k, message, ...TOKEN_RULE },
      ]);
    }
    out[k] = v;
  }
  return out;
}
