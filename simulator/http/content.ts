// Request bodies: one JSON parser for the media types the API takes (strict UTF-8,
// no prototype-poisoning keys, at most MAX_BODY_DEPTH levels deep), and a per-route
// check of the media type before the body is read (POST takes application/json,
// PATCH the profile's patch content types; a charset parameter is allowed if UTF-8);
// route options that judge a body by one of the model's schemas.
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from "fastify";
import { ApiError } from "../core/errors.ts";
import { nestsDeeperThan } from "../core/ticket-fields.ts";
import type { Model } from "../model/model.ts";
import { schemaValidator } from "../model/schema-check.ts";

/**
 * Deepest nesting a request body may have. The profile's own objects nest a few
 * levels; past this, a body could only overflow the stack of code that recurses
 * over JSON (copies, comparisons, JSON.stringify in an error message).
 */
export const MAX_BODY_DEPTH = 64;

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const semi = header.indexOf(";");
  return (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
}

function charsetOf(header: string): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(header);
  return m?.[1]?.toLowerCase();
}

/**
 * The body as UTF-8 text, or a 400: the API speaks UTF-8 (docs/rules.md §1), and a
 * lenient decoder would store U+FFFD in place of the bytes the client sent. A
 * leading byte order mark is dropped (RFC 8259 §8.1 lets a parser ignore it).
 */
export function decodeUtf8(body: Buffer, kind: "badJson" | "badRequest" = "badJson"): string {
  try {
    return UTF8.decode(body);
  } catch {
    throw new ApiError(kind, "the request body is not valid UTF-8 (the API speaks UTF-8 only)");
  }
}
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Replaces the parsers of this encapsulation context with a JSON parser for the
 * given media types (fastify's own, hardened against prototype poisoning).
 * Parse failures become catalogue errors.
 */
export function useJsonParser(app: FastifyInstance, mediaTypes: readonly string[]): void {
  app.removeAllContentTypeParsers();
  const parse = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser([...new Set(mediaTypes)], { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = decodeUtf8(body as Buffer);
    } catch (e) {
      return done(e as ApiError, undefined);
    }
    parse(request, text, (err, value) => {
      if (err) return done(new ApiError("badJson", jsonProblem(err)), undefined);
      if (nestsDeeperThan(value, MAX_BODY_DEPTH))
        return done(
          new ApiError("badRequest", `the request body nests deeper than ${MAX_BODY_DEPTH} levels`),
          undefined,
        );
      done(null, value);
    });
  });
}

function jsonProblem(err: Error): string {
  if ((err as { code?: string }).code === "FST_ERR_CTP_EMPTY_JSON_BODY")
    return "the request body is empty; a JSON object is expected";
  // secure-json-parse: valid JSON, refused because it could poison prototypes.
  if (/prototype/i.test(err.message))
    return "the request body holds a key that could poison prototypes (__proto__, or constructor with a prototype): refused";
  return "the request body is not valid JSON";
}

/**
 * Route options that judge a request body by one of the model's schemas before the
 * handler runs: fastify's validation with the model's compiled ajv (allErrors, the
 * profile's formats), so a body with any problem changes nothing. Its errors become
 * one 400 listing every problem (toApiError).
 */
export function bodySchema(model: Model, name: string) {
  return { schema: { body: model.schemas.$defs[name] }, validatorCompiler: () => schemaValidator(model, name) };
}

/** A preParsing hook answering 415 unless the request's media type is one of `allowed`. */
export function acceptOnly(allowed: readonly string[]) {
  const set = new Set(allowed.map((t) => t.toLowerCase()));
  const list = [...set].join(", ");
  return function checkMediaType(
    request: FastifyRequest,
    _reply: FastifyReply,
    payload: RequestPayload,
    done: (err?: Error | null, res?: RequestPayload) => void,
  ): void {
    const header = request.headers["content-type"];
    // No Content-Type and no body: the handler answers 400 for the missing object.
    if (header === undefined) {
      done(null, payload);
      return;
    }
    const type = mediaType(header) ?? "";
    if (!set.has(type)) {
      done(new ApiError("unsupportedMediaType", `Content-Type ${type || "(empty)"} is not accepted here; use ${list}`));
      return;
    }
    const charset = charsetOf(header);
    if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
      done(new ApiError("unsupportedMediaType", `charset ${charset} is not accepted; the API speaks UTF-8`));
      return;
    }
    done(null, payload);
  };
}
