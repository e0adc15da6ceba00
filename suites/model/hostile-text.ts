// Hostile text for the robustness suite: odd characters for free text fields,
// injection-shaped filter values, and odd ticket ids for the path. Pure; fast-check.
import fc from "fast-check";

const letters = fc.constantFrom("a", "Z", "7", " ", "-");

/** Control characters (C0, DEL, C1) and invisible or separating ones: valid JSON once escaped. */
export const controlTextArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
      fc.constantFrom("\u007f", "\u0085", "\u009f", "\u00ad", "\u200b", "\u2028", "\u2029", "\ufeff"),
      letters,
    ),
    { minLength: 1, maxLength: 16 },
  )
  .map((cs) => `rb${cs.join("")}`);

/** Text holding at least one UTF-16 half that is not part of a pair. */
export const loneSurrogateArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      letters,
    ),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((cs) => `rb${cs.join("")}`)
  .filter(hasLoneSurrogate);

export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    }
  }
  return false;
}

/** Text outside the Basic Multilingual Plane (4 bytes in UTF-8, a surrogate pair in UTF-16), with combining marks. */
export const nonBmpTextArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
      fc.constantFrom("🎫", "𝕏", "𠜎", "👩‍🔧", "e\u0301", "\u{1F1EB}\u{1F1F7}"),
      letters,
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((cs) => `rb${cs.join("")}`);

/** Filter values shaped like SQL, NoSQL, LDAP, template, path and header injection, and wildcards. */
export const INJECTIONS: readonly string[] = [
  "' OR '1'='1",
  '" OR ""="',
  "') OR ('x'='x",
  "1; DROP TABLE tickets--",
  "1 UNION SELECT NULL--",
  "admin'--",
  '{"$gt":""}',
  '{"$ne":null}',
  "[$ne]=1",
  "*)(uid=*))(|(uid=*",
  "*",
  "%",
  "_",
  ".*",
  "../../etc/passwd",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection, sent as the literal text
  "${7*7}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "\u0000",
  "\r\nX-Injected: 1",
  "%00",
  "%27%20OR%201%3D1",
  "\\",
  "null",
];

/** Injection-shaped values, alone and wrapped around a value that does match (which must then match no more). */
export function injectionArb(real: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...INJECTIONS),
    fc.constantFrom(...INJECTIONS).map((i) => `${real}${i}`),
    fc.constantFrom(
      `${real}' OR '1'='1`,
      `${real}*`,
      `${real}%`,
      `${real.slice(0, -1)}_`,
      `${real.slice(0, -1)}%`,
      real.toUpperCase() === real ? real.toLowerCase() : real.toUpperCase(),
      ` ${real}`,
      `${real} `,
    ),
  );
}

/** An id as it goes on the wire (already percent-encoded), and whether it hides the real id behind a decoded slash. */
export interface OddId {
  readonly kind: string;
  readonly wire: string;
}

/** Odd ids for the path: traversal, encoded slashes, NUL and CRLF, bad escapes, very long ones; some built on a real id. */
export function oddIdArb(real: string, resource: string): fc.Arbitrary<OddId> {
  const e = encodeURIComponent(real);
  const fixed: OddId[] = [
    { kind: "traversal", wire: "..%2F..%2F..%2Fetc%2Fpasswd" },
    { kind: "encoded traversal", wire: "%2e%2e%2f%2e%2e%2fetc%2fpasswd" },
    { kind: "backslash traversal", wire: "..%5C..%5Cwindows%5Cwin.ini" },
    { kind: "raw traversal", wire: "../../../../etc/passwd" },
    { kind: "an encoded slash", wire: "a%2Fb" },
    { kind: "an encoded slash alone", wire: "%2F" },
    { kind: "NUL", wire: "%00" },
    { kind: "CRLF", wire: "%0D%0AX-Injected:%201" },
    { kind: "a bad escape", wire: "%ZZ" },
    { kind: "an overlong UTF-8 slash", wire: "%C0%AF" },
    { kind: "non-BMP", wire: encodeURIComponent("🎫𝕏") },
    { kind: "SQL", wire: encodeURIComponent("' OR '1'='1") },
    { kind: "a wildcard", wire: "*" },
    { kind: "the real id behind an encoded slash", wire: `x%2F..%2F${e}` },
    { kind: "the real id through the collection", wire: `..%2F${encodeURIComponent(resource)}%2F${e}` },
    { kind: "the real id and a NUL", wire: `${e}%00` },
    { kind: "the real id and an encoded slash", wire: `${e}%2F..%2F${e}` },
  ];
  return fc.oneof(
    fc.constantFrom(...fixed),
    fc.integer({ min: 200, max: 6000 }).map((n) => ({ kind: `${n} characters`, wire: "a".repeat(n) })),
    fc.integer({ min: 1, max: 4000 }).map((n) => ({ kind: `the real id and ${n} more`, wire: `${e}${"0".repeat(n)}` })),
  );
}
