// ajv's errors as sentences a reader can act on: each names the field path
// (`relatedParty[0].role`) and the broken keyword, with the value that broke it, e.g.
// `creationDate must be a date-time (got "2021-02-30T10:00:00Z")`. Used for the
// suites' verdicts, the listener's reasons and the simulator's 400 messages.
import type { ErrorObject } from "ajv/dist/2020.js";
import { type FormatName, SCHEMA_FORMAT } from "./formats.ts";

export interface Problem {
  /** Dotted path with [index] for array items; "" for the value itself. */
  readonly path: string;
  /** The JSON Schema keyword broken, e.g. required, format, enum, "false schema". */
  readonly keyword: string;
  readonly message: string;
}

const FORMAT_TEXT: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({ "date-time": "a date-time", uri: "a URI", base64: "base64" } satisfies Record<
    FormatName,
    string
  >).map(([n, text]) => [SCHEMA_FORMAT[n as FormatName], text]),
);

/** One problem per distinct message, in ajv's order; `root` names the value itself. */
export function describeErrors(errors: readonly ErrorObject[], root: string): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // A failed if/then/else: the branch that applied reports what broke it.
    if (e.keyword === "if") continue;
    const p = describe(e, root);
    if (seen.has(p.message)) continue;
    seen.add(p.message);
    out.push(p);
  }
  return out;
}

function describe(e: ErrorObject, root: string): Problem {
  const path = pathOf(e.instancePath);
  const at = path || root;
  const params = e.params as Record<string, unknown>;
  const got = ` (got ${show(e.data)})`;
  const parent = (e.parentSchema ?? {}) as { title?: unknown; description?: unknown };
  const child = (key: unknown): string => join(path, String(key));
  const problem = (message: string, where = path): Problem => ({ path: where, keyword: e.keyword, message });
  switch (e.keyword) {
    case "required":
      return problem(`${child(params.missingProperty)} is required`, child(params.missingProperty));
    case "additionalProperties": {
      const of = typeof parent.title === "string" ? parent.title : at;
      return problem(`${child(params.additionalProperty)} is not a field of ${of}`, child(params.additionalProperty));
    }
    case "false schema":
      return problem(`${at} must not be present`);
    case "type":
      return problem(
        `${at} must be ${[params.type]
          .flat()
          .map((t) => article(String(t)))
          .join(" or ")}${got}`,
      );
    case "format":
      return problem(`${at} must be ${FORMAT_TEXT[String(params.format)] ?? `a ${String(params.format)}`}${got}`);
    case "enum":
      return problem(`${at} must be one of ${(params.allowedValues as unknown[]).map(String).join(", ")}${got}`);
    case "const":
      return problem(`${at} must be ${JSON.stringify(params.allowedValue)}${got}`);
    case "pattern":
      return problem(
        `${at} must be ${typeof parent.description === "string" ? parent.description : `like /${String(params.pattern)}/`}${got}`,
      );
    case "minLength":
      return problem(
        params.limit === 1
          ? `${at} must not be empty`
          : `${at} must not be shorter than ${String(params.limit)} characters${got}`,
      );
    case "maxLength":
      return problem(`${at} must not be longer than ${String(params.limit)} character(s)`);
    case "minItems":
      return problem(`${at} must have at least ${String(params.limit)} item(s)`);
    case "maxItems":
      return problem(`${at} must have at most ${String(params.limit)} item(s)`);
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return problem(`${at} must be ${String(params.comparison)} ${String(params.limit)}${got}`);
    case "anyOf":
    case "oneOf":
      return problem(`${at} matches none of the shapes it may have${got}`);
    default:
      return problem(`${at} ${e.message ?? "is invalid"}`);
  }
}

/** "/relatedParty/0/role" -> "relatedParty[0].role" (an all-digit segment is read as an index). */
export function pathOf(pointer: string): string {
  let out = "";
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out = /^\d+$/.test(seg) ? `${out}[${seg}]` : join(out, seg);
  }
  return out;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function article(type: string): string {
  return type === "null" ? "null" : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The offending value, short: a problem list should not repeat a megabyte of input. */
/** A value as a message quotes it: JSON, cut to 80 characters, so an answer never echoes a huge value whole. */
export function show(v: unknown): string {
  if (v === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    // Deeper than the stack (the edges refuse such bodies first; this keeps a message from throwing).
    text = Array.isArray(v) ? "[...]" : typeof v === "object" ? "{...}" : String(v);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
