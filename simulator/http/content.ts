// Request bodies: one JSON parser for the media types the API takes, and a per-route
// check of the media type before the body is read (POST takes application/json,
// PATCH the profile's patch content types; a charset parameter is allowed if UTF-8).
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from "fastify";
import { ApiError } from "../core/errors.ts";

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
 * Replaces the parsers of this encapsulation context with a JSON parser for the
 * given media types (fastify's own, hardened against prototype poisoning).
 * Parse failures become catalogue errors.
 */
export function useJsonParser(app: FastifyInstance, mediaTypes: readonly string[]): void {
  app.removeAllContentTypeParsers();
  const parse = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser([...new Set(mediaTypes)], { parseAs: "string" }, (request, body, done) => {
    parse(request, body as string, (err, value) => {
      if (!err) return done(null, value);
      const empty = (err as { code?: string }).code === "FST_ERR_CTP_EMPTY_JSON_BODY";
      done(new ApiError("badJson", empty ? "the request body is empty; a JSON object is expected" : "the request body is not valid JSON"), undefined);
    });
  });
}

/** A preParsing hook answering 415 unless the request's media type is one of `allowed`. */
export function acceptOnly(allowed: readonly string[]) {
  const set = new Set(allowed.map((t) => t.toLowerCase()));
  const list = [...set].join(", ");
  return function checkMediaType(request: FastifyRequest, _reply: FastifyReply, payload: RequestPayload, done: (err?: Error | null, res?: RequestPayload) => void): void {
    const header = request.headers["content-type"];
    // No Content-Type and no body: the handler answers 400 for the missing object.
    if (header === undefined) return done(null, payload);
    const type = mediaType(header) ?? "";
    if (!set.has(type)) {
      return done(new ApiError("unsupportedMediaType", `Content-Type ${type || "(empty)"} is not accepted here; use ${list}`));
    }
    const charset = charsetOf(header);
    if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
      return done(new ApiError("unsupportedMediaType", `charset ${charset} is not accepted; the API speaks UTF-8`));
    }
    done(null, payload);
  };
}
