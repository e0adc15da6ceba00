// "The value comes back": every field sent is in what the target returns. Objects
// may gain server-set fields; arrays may hold more items (PATCH appends), so each
// sent item must match a distinct returned item.

export function subsetProblems(sent: unknown, actual: unknown, at = ""): string[] {
  const where = at || "(body)";
  if (Array.isArray(sent)) {
    if (!Array.isArray(actual))
      return [`${where} should be an array holding ${JSON.stringify(sent)}, is ${JSON.stringify(actual)}`];
    const used = new Set<number>();
    const p: string[] = [];
    sent.forEach((item, i) => {
      const j = actual.findIndex((a, k) => !used.has(k) && subsetProblems(item, a).length === 0);
      if (j < 0) p.push(`${where}[${i}] ${JSON.stringify(item)} did not come back (got ${JSON.stringify(actual)})`);
      else used.add(j);
    });
    return p;
  }
  if (sent !== null && typeof sent === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual))
      return [`${where} should be an object, is ${JSON.stringify(actual)}`];
    const a = actual as Record<string, unknown>;
    return Object.entries(sent as Record<string, unknown>).flatMap(([k, v]) =>
      Object.hasOwn(a, k)
        ? subsetProblems(v, a[k], at ? `${at}.${k}` : k)
        : [`${at ? `${at}.${k}` : k} was sent but did not come back`],
    );
  }
  return sent === actual ? [] : [`${where} should be ${JSON.stringify(sent)}, is ${JSON.stringify(actual)}`];
}

/** JSON equality, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)),
        )
      : x,
  );
}
