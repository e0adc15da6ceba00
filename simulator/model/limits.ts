// Limits of the API that are the same for every profile (docs/rules.md §2), kept in the
// model so the server that enforces them and the suites that check them read one value.

/**
 * Deepest nesting a request body may have (docs/rules.md §2, chosen). The profiles'
 * own objects nest a few levels; past this, a body could only overflow the stack of
 * code that recurses over JSON (copies, comparisons, JSON.stringify in a message).
 */
export const MAX_BODY_DEPTH = 64;

/**
 * Keys a request body may not hold (docs/rules.md §2): `__proto__` anywhere, and
 * `constructor` whose value is an object with a `prototype`. Merged into an object
 * with assignment, either rewrites the prototype that every object shares.
 */
export const PROTOTYPE_KEYS = ["__proto__", "constructor.prototype"] as const;
