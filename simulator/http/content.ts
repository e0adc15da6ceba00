// Request bodies: one JSON parser for the media types the API takes (strict UTF-8,
// no prototype-poisoning keys, at most MAX_BODY_DEPTH levels deep), and a per-route
// check of the media type before the body is read (POST takes application/json,
// PATCH the profile's patch content types; a charset parameter is allowed if UTF-8);
// route options that judge a body by one of the model's schemas; the fault that
// bends the depth limit.
import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from "fastify";
import { ApiError } from "../core/errors.ts";
import { MAX_BODY_DEPTH, PROTOTYPE_KEYS } from "../model/limits.ts";
import type { Model } from "../model/model.ts";
import { schemaValidator } from "../model/schema-check.ts";
import type { HttpFaultSpec } from "./edge-faults.ts";

export { MAX_BODY_DEPTH };

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
 * Replaces the parsers of this encapsulation context with the API's JSON parser
 * (parseJsonBody) for the given media types. Its failures are catalogue errors.
 */
export function useJsonParser(app: FastifyInstance, mediaTypes: readonly string[]): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...new Set(mediaTypes)], { parseAs: "buffer" }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (e) {
      done(e as ApiError, undefined);
    }
  });
}

/**
 * A request body as JSON, or a 400 saying what is wrong with it (docs/rules.md §2):
 * not UTF-8, empty, not JSON, a key that could poison prototypes, or too deep. The
 * keys are refused, not dropped: the client learns its body was not what it meant.
 */
export function parseJsonBody(body: Buffer): unknown {
  const text = decodeUtf8(body);
  if (text.trim() === "")
    throw new ApiError(
      "badJson",
      `the request body ${text === "" ? "is empty" : "holds only whitespace"}; a JSON object is expected`,
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ApiError("badJson", `the request body is not valid JSON: ${(e as Error).message.slice(0, 160)}`);
  }
  const hazard = bodyHazard(value, MAX_BODY_DEPTH);
  if (hazard) throw new ApiError("badRequest", hazard);
  return value;
}

/**
 * What makes a parsed body unsafe to walk or merge, or undefined: nesting deeper than
 * maxDepth, or a prototype-poisoning key (PROTOTYPE_KEYS), named with where it is.
 * Iterative, so no depth overflows it; a path is spelled out only for the message.
 */
export function bodyHazard(value: unknown, maxDepth: number): string | undefined {
  const stack: Step[] = [{ value, depth: 1 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const v = next.value;
    if (typeof v !== "object" || v === null) continue;
    if (next.depth > maxDepth) return `the request body nests deeper than ${maxDepth} levels (at ${pathOf(next)})`;
    const key = poisoningKey(v);
    if (key !== undefined)
      return `the request body holds the key ${key} ${next.at === undefined ? "at the top level" : `in ${pathOf(next)}`}, which could poison prototypes: refused`;
    const depth = next.depth + 1;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++)
        if (typeof v[i] === "object" && v[i] !== null) stack.push({ value: v[i], depth, at: [next, i] });
    } else
      for (const k of Object.keys(v)) {
        const child = (v as Record<string, unknown>)[k];
        if (typeof child === "object" && child !== null) stack.push({ value: child, depth, at: [next, k] });
      }
  }
  return undefined;
}

interface Step {
  readonly value: unknown;
  readonly depth: number;
  /** The parent and the key or index this value is at; none for the body itself. */
  readonly at?: readonly [Step, string | number];
}

/** A value's path as messages show it, e.g. relatedParty[0].role; long keys are cut. */
function pathOf(s: Step): string {
  const keys: Array<string | number> = [];
  for (let at = s.at; at; at = at[0].at) keys.unshift(at[1]);
  return keys
    .map((k, i) =>
      typeof k === "number" ? `[${k}]` : `${i === 0 ? "" : "."}${k.length > 40 ? `${k.slice(0, 40)}...` : k}`,
    )
    .join("");
}

/** The first of PROTOTYPE_KEYS an object holds as its own ("a.b": a, whose value holds b), in words. */
function poisoningKey(v: object): string | undefined {
  for (const path of PROTOTYPE_KEYS) {
    const [first = "", second] = path.split(".");
    if (!Object.hasOwn(v, first)) continue;
    if (second === undefined) return `"${first}"`;
    const inner: unknown = (v as Record<string, unknown>)[first];
    if (typeof inner === "object" && inner !== null && Object.hasOwn(inner, second))
      return `"${first}" with a "${second}"`;
  }
  return undefined;
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

/**
 * A server that breaks under input a client should never send (docs/rules.md §2): a
 * body nested past the limit answered 500, as by a server whose recursive walk
 * overflows, to show that the robustness suite catches a 5xx where a 4xx is due.
 */
export const BODY_FAULTS: readonly HttpFaultSpec[] = [
  {
    name: "crash-on-deep-nesting",
    description: "a body nested deeper than the limit is answered 500, as by a recursive walk that overflows",
    proof: { suites: ["robustness"], names: /nested \d+ levels/ },
    install: (app) =>
      app.addHook("preParsing", async (request, _reply, payload) => {
        // Bodies over the size limit, or of unknown length, keep their usual answer (413).
        const declared = Number(request.headers["content-length"]);
        if (!(declared <= app.initialConfig.bodyLimit!)) return payload;
        const chunks: Buffer[] = [];
        for await (const chunk of payload) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        if (naiveDepth(parsedOrUndefined(body)) > MAX_BODY_DEPTH)
          throw new RangeError("Maximum call stack size exceeded (simulated: crash-on-deep-nesting)");
        return Readable.from([body]);
      }),
  },
];

function parsedOrUndefined(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The nesting of a JSON value, the naive way: recursion, which a deep enough value overflows too. */
function naiveDepth(v: unknown): number {
  if (typeof v !== "object" || v === null) return 0;
  let deepest = 0;
  for (const child of Object.values(v)) deepest = Math.max(deepest, naiveDepth(child));
  return deepest + 1;
}
