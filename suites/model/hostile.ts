// Hostile request bodies derived from the rule model (docs/rules.md §1, §2, §4): where in
// a valid body each kind of trouble goes, and fast-check arbitraries of it. Pure: the
// robustness suite sends them (suites/robustness/).
import fc from "fast-check";
import { MAX_BODY_DEPTH, PROTOTYPE_KEYS } from "../../simulator/model/limits.ts";
import { cellOf, type FieldModel, type Model, type Operation } from "../../simulator/model/model.ts";
import { type Body, minimalBody, normalize } from "./samples.ts";

/** Where a body's trouble goes, for the default ticket type. */
export interface Spots {
  /** The exact string filter whose value isolates one case's tickets (its parameter and field), when there is one. */
  readonly marker?: { readonly param: string; readonly field: string };
  /** A free text field a POST may carry (odd characters go here); the marker's own field when there is no other. */
  readonly text: FieldModel;
  /** A free text field a PATCH may carry. */
  readonly patchText?: FieldModel;
  /** An enumerated field a POST may carry. */
  readonly enumField?: FieldModel;
  /** An array field a POST may carry, and one whose items are objects (keys nested in an item). */
  readonly array?: FieldModel;
  readonly objectItems?: FieldModel;
}

const allows = (f: FieldModel, t: string, op: Operation) => ["R", "O"].includes(cellOf(f, t, op).rule);
const freeText = (f: FieldModel) => f.type === "string" && !f.format && !f.enumValues;

export function spotsOf(model: Model): Spots {
  const t = model.defaultTicketType;
  const root = model.root.fields;
  const marker = model.filterFieldList.find((ff) => freeText(ff.field) && allows(ff.field, t, "POST"));
  const texts = root.filter((f) => freeText(f) && allows(f, t, "POST"));
  const text = texts.find((f) => f.name !== marker?.field.name) ?? texts[0];
  if (!text) throw new Error(`profile ${model.id} has no free text field a POST may carry`);
  const arrays = root.filter((f) => f.type === "array" && allows(f, t, "POST"));
  const patchText = root.find((f) => freeText(f) && allows(f, t, "PATCH"));
  const enumField = root.find((f) => f.enumValues && allows(f, t, "POST"));
  const objectItems = arrays.find((f) => f.object);
  return {
    ...(marker ? { marker: { param: marker.names[0]!, field: marker.field.name } } : {}),
    text,
    ...(patchText ? { patchText } : {}),
    ...(enumField ? { enumField } : {}),
    ...(arrays[0] ? { array: arrays[0] } : {}),
    ...(objectItems ? { objectItems } : {}),
  };
}

/** The smallest valid POST body of the default type, carrying the marker where the marker goes. */
export function markedBody(model: Model, spots: Spots, marker: string): Body {
  const ctx = { model, ticketType: model.defaultTicketType, op: "POST" as const, tag: marker };
  const body = minimalBody(ctx);
  if (!spots.marker) return body;
  body[spots.marker.field] = marker;
  return normalize(model.root, body, ctx, [spots.marker.field]);
}

/** A valid PATCH body that would change a ticket (so a PATCH that reached it shows), or {}. */
export function changingPatch(spots: Spots, tag: string): Body {
  return spots.patchText ? { [spots.patchText.name]: `changed-${tag}` } : {};
}

export const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Where string values start in a JSON text: just after each `":"`. */
function valueStarts(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('":"'); i >= 0; i = text.indexOf('":"', i + 1)) out.push(i + 3);
  return out.length > 0 ? out : [Math.max(1, text.length - 1)];
}

const insert = (text: string, at: number, s: string) => `${text.slice(0, at)}${s}${text.slice(at)}`;

/** A valid body's text broken so it is no longer JSON, with what was done to it. */
export function malformedArb(text: string): fc.Arbitrary<{ readonly kind: string; readonly text: string }> {
  const at = fc.integer({ min: 1, max: text.length - 1 });
  const starts = fc.constantFrom(...valueStarts(text));
  return fc
    .oneof(
      at.map((i) => ({ kind: `cut after ${i} characters`, text: text.slice(0, i) })),
      fc
        .tuple(starts, fc.integer({ min: 0, max: 0x1f }))
        .map(([i, c]) => ({ kind: `a raw U+${hex(c)} in a string`, text: insert(text, i, String.fromCharCode(c)) })),
      fc
        .tuple(at, fc.constantFrom("{", "}", "[", "]", ":", ",", '"', "\\"))
        .map(([i, s]) => ({ kind: `a stray ${s} at ${i}`, text: insert(text, i, s) })),
      fc.constantFrom(
        { kind: "single quotes", text: text.replace(/"/g, "'") },
        { kind: "a trailing comma", text: text.replace(/\}$/, ",}") },
        { kind: "a second document", text: `${text}{}` },
        { kind: "a comment", text: `/* note */${text}` },
        { kind: "NaN", text: `{"x":NaN,${text.slice(1)}` },
        { kind: "an unquoted key", text: `{x:1,${text.slice(1)}` },
        { kind: "a bare word", text: "undefined" },
      ),
    )
    .filter((b) => !parses(b.text));
}

/** Byte sequences that are not UTF-8, the encoded lone surrogate (CESU-8) among them. */
const NOT_UTF8: ReadonlyArray<readonly [string, readonly number[]]> = [
  ["0xFF", [0xff]],
  ["a lone continuation byte", [0x80]],
  ["an overlong slash", [0xc0, 0xaf]],
  ["an encoded lone surrogate U+D800", [0xed, 0xa0, 0x80]],
  ["a cut 4-byte sequence", [0xf0, 0x9f, 0x8e]],
  ["a latin-1 é", [0xe9]],
];

export function notUtf8Arb(text: string): fc.Arbitrary<{ readonly kind: string; readonly body: Buffer }> {
  return fc.tuple(fc.constantFrom(...valueStarts(text)), fc.constantFrom(...NOT_UTF8)).map(([i, [kind, bytes]]) => ({
    kind,
    body: Buffer.concat([Buffer.from(text.slice(0, i)), Buffer.from(bytes), Buffer.from(text.slice(i))]),
  }));
}

export type Shape = "arrays" | "objects" | "mixed";
const UNIT: Readonly<Record<Shape, readonly [open: string, close: string, levels: number]>> = {
  arrays: ["[", "]", 1],
  objects: ['{"a":', "}", 1],
  mixed: ['[{"a":', "}]", 2],
};

/** A JSON value nested `depth` levels deep (a mixed unit is two levels). */
export function nested(depth: number, shape: Shape): string {
  const [open, close, levels] = UNIT[shape];
  const n = Math.ceil(depth / levels);
  return `${open.repeat(n)}${shape === "arrays" ? "" : "0"}${close.repeat(n)}`;
}

/** The deepest nesting (at most 100 000) that fits in a body beside `text` under the size limit. */
export function deepestFitting(model: Model, text: string): number {
  return Math.min(100_000, Math.floor((model.bodyLimitBytes - Buffer.byteLength(text) - 64) / 6));
}

/** The body's text with a field's value replaced by raw JSON text. */
export function withRaw(body: Body, field: string, raw: string): string {
  const placeholder = "\u0000rb-raw\u0000";
  return JSON.stringify({ ...body, [field]: placeholder }).replace(JSON.stringify(placeholder), raw);
}

/** Bodies nested past MAX_BODY_DEPTH in the text field: depth and shape from fast-check. */
export function deepArb(model: Model, body: Body, field: string) {
  const max = Math.max(MAX_BODY_DEPTH + 2, deepestFitting(model, JSON.stringify(body)));
  return fc
    .tuple(fc.integer({ min: MAX_BODY_DEPTH + 1, max }), fc.constantFrom<Shape>("arrays", "objects", "mixed"))
    .map(([depth, shape]) => ({ depth, shape, text: withRaw(body, field, nested(depth, shape)) }));
}

/** The JSON text of a prototype-poisoning key path ("a.b" nests b in a), holding `payload`; escaped: each key's first letter as \uXXXX. */
function poisonMember(path: string, escaped: boolean, payload: string): string {
  const keys = path.split(".");
  const name = (k: string) => (escaped ? `"\\u${hex(k.charCodeAt(0))}${k.slice(1)}"` : JSON.stringify(k));
  return keys.reduceRight((inner, k, i) => `${name(k)}:${i === keys.length - 1 ? inner : `{${inner}}`}`, payload);
}

/** A body's text with a prototype-poisoning key at the top, or in the first item of an array of objects it holds. */
export function poisonArb(text: string, spots: Spots, tag: string) {
  const item = spots.objectItems ? `${JSON.stringify(spots.objectItems.name)}:[{` : undefined;
  const places: Array<readonly [string, number]> = [["the top level", text.indexOf("{") + 1]];
  if (item && text.includes(item)) places.push([`${spots.objectItems?.name}[0]`, text.indexOf(item) + item.length]);
  return fc
    .tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.boolean(), fc.constantFrom(...places))
    .map(([key, escaped, [place, at]]) => ({
      key,
      escaped,
      place,
      text: insert(text, at, `${poisonMember(key, escaped, JSON.stringify({ polluted: tag }))},`),
    }));
}

const hex = (c: number) => c.toString(16).toUpperCase().padStart(4, "0");
