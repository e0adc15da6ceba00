// One view of the store's tickets (one tenant, or all): an id map, the tickets in
// list order with a column of codes per filter field beside them, and hash indexes.
// A selective exact filter reads its index and sorts the few hits; anything else
// is one pass down the columns, which are packed arrays of numbers and fast to scan.

import type { Codes, Entry } from "./entry.ts";
import type { Match } from "./query.ts";

export type Compare = (a: Entry, b: Entry) => number;

export interface Slots {
  /** Field name -> slot in Entry.codes. */
  readonly of: ReadonlyMap<string, number>;
  readonly count: number;
  /** The interned code of an exact value, or undefined when no ticket ever had it. */
  code(slot: number, value: string): number | undefined;
}

type Accept = (code: number) => boolean;

/** The page of a list: entries from `offset`, at most `limit`. */
export interface Window {
  readonly offset: number;
  readonly limit: number;
}

export class Partition {
  readonly byId = new Map<string, Entry>();
  // Reverse list order, so the newest ticket (first in the list) is a push at the end.
  private readonly rev: Entry[] = [];
  /** cols[slot][i] === rev[i].codes[slot] */
  private readonly cols: number[][];
  /** slot -> code -> entries, for the exact-match filter fields (a lone entry is kept bare: most values are unique). */
  private readonly indexes = new Map<number, Map<number, Entry | Set<Entry>>>();

  constructor(
    private readonly cmp: Compare,
    indexed: readonly number[],
    private readonly slots: Slots,
    private readonly idField: string,
  ) {
    this.cols = Array.from({ length: slots.count }, () => []);
    for (const i of indexed) this.indexes.set(i, new Map());
  }

  add(e: Entry): void {
    this.byId.set(e.id, e);
    this.index(e, undefined);
    this.order(e);
  }

  order(e: Entry): void {
    const last = this.rev[this.rev.length - 1];
    if (last === undefined || this.cmp(e, last) < 0) {
      this.rev.push(e);
      for (const [s, col] of this.cols.entries()) col.push(e.codes[s] as number);
      return;
    }
    const at = this.position(e);
    this.rev.splice(at, 0, e);
    for (const [s, col] of this.cols.entries()) col.splice(at, 0, e.codes[s] as number);
  }

  unorder(e: Entry): void {
    const at = this.position(e);
    if (this.rev[at] !== e) return;
    this.rev.splice(at, 1);
    for (const col of this.cols) col.splice(at, 1);
  }

  /** Copies e's codes into the columns after a change that kept its place. */
  recode(e: Entry): void {
    const at = this.position(e);
    if (this.rev[at] === e) for (const [s, col] of this.cols.entries()) col[at] = e.codes[s] as number;
  }

  /** The index of e, or of where e belongs (rev is sorted descending by cmp). */
  private position(e: Entry): number {
    let lo = 0;
    let hi = this.rev.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmp(this.rev[mid] as Entry, e) > 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Indexes e's codes that differ from `before` (all of them when before is undefined). */
  index(e: Entry, before: Codes | undefined): void {
    for (const [s, idx] of this.indexes) {
      const c = e.codes[s] as number;
      if (c < 0 || (before && before[s] === c)) continue;
      const b = idx.get(c);
      if (b === undefined) idx.set(c, e);
      else if (b instanceof Set) b.add(e);
      else idx.set(c, new Set([b, e]));
    }
  }

  /** Drops e's index entries whose code `next` changes. */
  unindex(e: Entry, next: Codes): void {
    for (const [s, idx] of this.indexes) {
      const c = e.codes[s] as number;
      if (c < 0 || next[s] === c) continue;
      const b = idx.get(c);
      if (b === e) idx.delete(c);
      else if (b instanceof Set) {
        b.delete(e);
        if (b.size === 1) idx.set(c, b.values().next().value as Entry);
      }
    }
  }

  /** The matches in list order (only those in `window`, when given) and how many there are in all. */
  query(matches: readonly Match[], window?: Window): { entries: Entry[]; total: number } {
    const tests = matches.map((m) => this.compile(m));
    const fromIndex = this.fromIndex(matches);
    if (fromIndex) {
      const hits = fromIndex.filter((e) => tests.every((t) => t.accept(e.codes[t.slot] as number))).sort(this.cmp);
      return { entries: window ? hits.slice(window.offset, window.offset + window.limit) : hits, total: hits.length };
    }
    // One pass down the columns; every match is counted, only the window's are kept.
    const from = window?.offset ?? 0;
    const to = window ? from + window.limit : Number.POSITIVE_INFINITY;
    const out: Entry[] = [];
    let total = 0;
    const cols = tests.map((t) => this.cols[t.slot] as number[]);
    const accepts = tests.map((t) => t.accept);
    const n = tests.length;
    scan: for (let i = this.rev.length - 1; i >= 0; i--) {
      for (let k = 0; k < n; k++) if (!(accepts[k] as Accept)((cols[k] as number[])[i] as number)) continue scan;
      if (total >= from && total < to) out.push(this.rev[i] as Entry);
      total++;
    }
    return { entries: out, total };
  }

  private compile(m: Match): { slot: number; accept: Accept } {
    const slot = this.slots.of.get(m.field);
    if (slot === undefined) throw new Error(`store: ${m.field} is not a filter field`);
    if (m.kind === "exact") {
      const codes = new Set<number>();
      for (const v of m.values) {
        const c = this.slots.code(slot, v);
        if (c !== undefined) codes.add(c);
      }
      const [only] = codes;
      if (codes.size <= 1) return { slot, accept: only === undefined ? () => false : (c) => c === only };
      return { slot, accept: (c) => codes.has(c) };
    }
    // An absent value is NaN, which every comparison refuses.
    const tests = m.tests;
    return {
      slot,
      accept: (v) => {
        for (const { op, value } of tests)
          if (
            op === "gt"
              ? v > value
              : op === "gte"
                ? v >= value
                : op === "lt"
                  ? v < value
                  : op === "lte"
                    ? v <= value
                    : v === value
          )
            return true;
        return false;
      },
    };
  }

  /**
   * The hits of the most selective indexed exact match when reading them beats a
   * scan: sorting k hits costs about k·log k, a scan about n. Otherwise undefined.
   */
  private fromIndex(matches: readonly Match[]): Entry[] | undefined {
    let best: Hits | undefined;
    for (const m of matches) {
      const hits = m.kind === "exact" ? this.hits(m) : undefined;
      if (hits && (!best || hits.size < best.size)) best = hits;
    }
    if (!best || best.size * Math.log2(best.size + 2) >= this.byId.size) return undefined;
    // Buckets are disjoint: a field holds one value per ticket, and the values are a set.
    return best.buckets.flatMap((b) => [...b]);
  }

  /** The entries holding one of the values, or undefined when the field has no index. */
  private hits(m: Extract<Match, { kind: "exact" }>): Hits | undefined {
    if (m.field === this.idField) {
      const found = [...m.values].flatMap((v) => this.byId.get(v) ?? []);
      return { buckets: [found], size: found.length };
    }
    const slot = this.slots.of.get(m.field) ?? -1;
    const idx = this.indexes.get(slot);
    if (!idx) return undefined;
    const hits: Hits = { buckets: [], size: 0 };
    for (const v of m.values) {
      const c = this.slots.code(slot, v);
      const b = c === undefined ? undefined : idx.get(c);
      if (b === undefined) continue;
      hits.buckets.push(b instanceof Set ? b : [b]);
      hits.size += b instanceof Set ? b.size : 1;
    }
    return hits;
  }
}

interface Hits {
  buckets: Array<Iterable<Entry>>;
  size: number;
}
