// Value parsers of the settings engine. Each turns one raw value (the text of a flag
// or an environment variable, or a JSON value of a config file) into a typed setting,
// or throws an Error whose message says what was wrong and what is accepted. Each
// also carries the JSON Schema of one value, from which config files are checked.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CREDENTIALS_PATTERN, type Credentials, parseCredentials } from "../../model/credentials.ts";
import { loadProfile } from "../../model/load.ts";
import type { Model } from "../../model/model.ts";

/** A flag's or an environment variable's text, or a config file's scalar. */
export type Raw = string | number | boolean;
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface Parser<T> {
  /** What is accepted, in words: "an integer from 0 to 65535". */
  readonly accepts: string;
  /** The value's name in the usage and the README: "N", "user:password". */
  readonly valueName: string;
  /** JSON Schema of one value in a config file. */
  readonly schema: JsonSchema;
  /** A switch takes no value on the command line (`--autoplay`). */
  readonly isSwitch?: true;
  /** How a raw value may be shown in a message (credentials hide their password). */
  readonly show?: (raw: unknown) => string;
  /** `baseDir` resolves relative paths: the working directory, or the config file's folder. */
  parse(raw: Raw, baseDir: string): T;
}

const shown = (raw: unknown): string => JSON.stringify(raw) ?? String(raw);

/** A raw value as a message may show it. */
export function display(parser: Parser<unknown>, raw: unknown): string {
  return parser.show ? parser.show(raw) : shown(raw);
}

/** The message every parser throws: what is accepted, then what was given. */
export function wrong(accepts: string, raw: Raw): Error {
  return new Error(`must be ${accepts}, got ${shown(raw)}`);
}

export function integer(min: number, max?: number, valueName = "N"): Parser<number> {
  const accepts = max === undefined ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
  return {
    accepts,
    valueName,
    schema: { type: "integer", minimum: min, ...(max === undefined ? {} : { maximum: max }) },
    parse(raw) {
      const n =
        typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n) || n < min || (max !== undefined && n > max)) throw wrong(accepts, raw);
      return n;
    },
  };
}

export function oneOf<const C extends string>(choices: readonly C[], valueName = choices.join("|")): Parser<C> {
  const accepts = `one of ${choices.join(", ")}`;
  return {
    accepts,
    valueName,
    schema: { type: "string", enum: [...choices] },
    parse(raw) {
      if (typeof raw === "string" && (choices as readonly string[]).includes(raw)) return raw as C;
      throw wrong(accepts, raw);
    },
  };
}

/** A non-empty string, trimmed. */
export function text(valueName: string, accepts = "a non-empty string"): Parser<string> {
  return {
    accepts,
    valueName,
    schema: { type: "string", minLength: 1 },
    parse(raw) {
      if (typeof raw !== "string" || raw.trim() === "") throw wrong(accepts, raw);
      return raw.trim();
    },
  };
}

/** An absolute http(s) URL, without trailing slashes. */
export function httpUrl(valueName = "URL"): Parser<string> {
  const accepts = "an absolute http or https URL";
  return {
    accepts,
    valueName,
    schema: { type: "string", minLength: 1 },
    parse(raw) {
      const s = typeof raw === "string" ? raw.trim() : "";
      let u: URL | undefined;
      try {
        u = new URL(s);
      } catch {
        u = undefined;
      }
      if (u === undefined || (u.protocol !== "http:" && u.protocol !== "https:")) throw wrong(accepts, raw);
      return s.replace(/\/+$/, "");
    },
  };
}

/** A path, made absolute: relative to the working directory, or to the config file that names it. */
export function path(valueName = "FILE", accepts = "a path"): Parser<string> {
  const t = text(valueName, accepts);
  return { ...t, parse: (raw, baseDir) => resolve(baseDir, t.parse(raw, baseDir)) };
}

/** A path whose file is read as JSON and handed to `load` (which throws what is wrong with the content). */
export function jsonFile<T>(accepts: string, load: (data: unknown, file: string) => T, valueName = "FILE"): Parser<T> {
  const p = path(valueName, accepts);
  return {
    ...p,
    parse(raw, baseDir) {
      const file = p.parse(raw, baseDir);
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(file, "utf8"));
      } catch (e) {
        throw new Error(`cannot read ${file} as JSON (${(e as Error).message}); expected ${accepts}`);
      }
      return load(data, file);
    },
  };
}

/** user:password, through the project's one parser (simulator/model/credentials.ts). */
export const credentials: Parser<Credentials> = {
  accepts: "user:password (the password may hold colons)",
  valueName: "user:password",
  schema: { type: "string", pattern: CREDENTIALS_PATTERN },
  show: (raw) => (typeof raw === "string" ? JSON.stringify(raw.replace(/:.*/s, ":***")) : shown(raw)),
  parse(raw) {
    return parseCredentials(String(raw));
  },
};

/** A profile file, loaded and checked; a broken one's every problem is listed. */
export const profileFile: Parser<Model> = {
  ...path("FILE", "a profile file (fixtures/schema/profile.schema.json)"),
  parse: (raw, baseDir) => loadProfile(path().parse(raw, baseDir)),
};

const TRUE = new Set(["true", "1", "yes", "on"]);
const FALSE = new Set(["false", "0", "no", "off"]);

const ON_OFF = "true or false (also 1 or 0, yes or no, on or off)";

/** On or off: a bare flag, true/false in a config file, true/false/1/0 in the environment. */
export const onOff: Parser<boolean> = {
  accepts: ON_OFF,
  valueName: "",
  schema: { type: "boolean" },
  isSwitch: true,
  parse(raw) {
    if (typeof raw === "boolean") return raw;
    const s = String(raw).trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
    throw wrong(ON_OFF, raw);
  },
};

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration such as 500ms, 30s, 10m or 1h (a bare number is seconds), in milliseconds. */
export const duration: Parser<number> = {
  accepts: "a duration such as 30s, 10m or 1h (a bare number is seconds)",
  valueName: "DURATION",
  schema: { anyOf: [{ type: "string" }, { type: "number" }] },
  parse(raw) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(String(raw));
    const ms = m ? Number(m[1]) * (UNITS[m[2] ?? "s"] ?? 1000) : Number.NaN;
    if (!Number.isFinite(ms) || ms <= 0) throw wrong(duration.accepts, raw);
    return Math.round(ms);
  },
};
