// Tickets per tenant (docs/rules.md §3: an operator sees only its own), kept in list
// order (model.order) and hash-indexed on the exact-match filter fields, so a
// filtered page over 100k tickets costs one pass or one index lookup, never a sort of all.
import type { FieldModel, Model } from "../model/model.ts";
import type { Codes, Entry, Ticket } from "./entry.ts";
import { type Compare, Partition, type Slots } from "./partition.ts";
import { exactKey, isOrdered, type Match, orderedValue } from "./query.ts";

export type { Entry, Ticket } from "./entry.ts";

export interface TicketStore {
  /** The entry, or undefined when absent or owned by another operator (undefined operator = all). */
  find(operator: string | undefined, id: string): Entry | undefined;
  ownerOf(id: string): string | undefined;
  insert(operator: string, ticket: Ticket): Entry;
  /** Swaps in the ticket's next version, keeping indexes and order in step. */
  replace(entry: Entry, next: Ticket): void;
  /** Matching entries in list order. */
  query(operator: string | undefined, matches: readonly Match[]): Entry[];
  size(operator?: string): number;
  /** Exact values interned over all filter fields: bounded by what the stored tickets hold. */
  interned(): number;
  clear(): void;
}

export function createStore(model: Model): TicketStore {
  const idField = model.idField;
  const byName = (n: string) => model.root.byName.get(n) as FieldModel; // the loader checked every name
  const fields = [
    ...new Set([...model.filterFieldList.map((f) => f.field.name), ...model.order.map((o) => o.field), idField]),
  ].map(byName);
  let interns: Array<Intern | undefined> = [];
  const slots: Slots = {
    of: new Map(fields.map((f, i) => [f.name, i])),
    count: fields.length,
    code: (slot, value) => interns[slot]?.codes.get(value),
  };
  /** The ticket's codes, each interned value held once more (release them when the version goes). */
  const codesOf = (t: Ticket): Codes =>
    fields.map((f, i) => {
      if (isOrdered(f)) return orderedValue(f, t[f.name]) ?? NaN;
      const k = exactKey(t[f.name]);
      return k === undefined ? -1 : hold(interns[i] as Intern, k);
    });
  const release = (codes: Codes) => {
    for (const [i, intern] of interns.entries()) if (intern) drop(intern, codes[i] as number);
  };
  const indexed = model.filterFieldList
    .filter((f) => !isOrdered(f.field) && f.field.name !== idField)
    .map((f) => slots.of.get(f.field.name) as number);
  const cmp = comparator(model, fields, slots, idField);
  const orderSlots = [...new Set([...model.order.map((o) => o.field), idField])].map((n) => slots.of.get(n) as number);
  const fresh = () => new Partition(cmp, indexed, slots, idField);

  let all: Partition;
  let tenants: Map<string, Partition>;
  const clear = () => {
    interns = fields.map((f) => (isOrdered(f) ? undefined : { codes: new Map(), keys: new Map(), next: 0 }));
    all = fresh();
    tenants = new Map();
  };
  clear();
  const partitionsOf = (e: Entry) => [all, tenants.get(e.operator) as Partition];

  return {
    find(operator, id) {
      const e = all.byId.get(id);
      return e && (operator === undefined || e.operator === operator) ? e : undefined;
    },
    ownerOf: (id) => all.byId.get(id)?.operator,
    insert(operator, ticket) {
      const entry: Entry = { id: String(ticket[idField]), operator, ticket, codes: codesOf(ticket) };
      let own = tenants.get(operator);
      if (!own) {
        own = fresh();
        tenants.set(operator, own);
      }
      all.add(entry);
      own.add(entry);
      return entry;
    },
    replace(entry, next) {
      const codes = codesOf(next);
      const moves = orderSlots.some((i) => !Object.is(entry.codes[i], codes[i]));
      const parts = partitionsOf(entry);
      if (moves) for (const p of parts) p.unorder(entry);
      for (const p of parts) p.unindex(entry, codes);
      const before = entry.codes;
      entry.ticket = next;
      entry.codes = codes;
      for (const p of parts) p.index(entry, before);
      for (const p of parts) moves ? p.order(entry) : p.recode(entry);
      release(before);
    },
    query(operator, matches) {
      const p = operator === undefined ? all : tenants.get(operator);
      return p ? p.query(matches) : [];
    },
    size: (operator) => (operator === undefined ? all.byId.size : (tenants.get(operator)?.byId.size ?? 0)),
    interned: () => interns.reduce((n, i) => n + (i?.codes.size ?? 0), 0),
    clear,
  };
}

/**
 * Exact values interned as codes, each with the number of stored versions holding it. A
 * value no ticket holds any more is forgotten, so renaming one ticket over and over does
 * not grow the store (docs/rules.md §8). Codes are never reused: a forgotten value that
 * comes back gets a new one.
 */
interface Intern {
  readonly codes: Map<string, number>;
  /** code -> [value, holders] */
  readonly keys: Map<number, [string, number]>;
  next: number;
}

function hold(intern: Intern, key: string): number {
  let c = intern.codes.get(key);
  if (c === undefined) {
    c = intern.next++;
    intern.codes.set(key, c);
    intern.keys.set(c, [key, 0]);
  }
  (intern.keys.get(c) as [string, number])[1]++;
  return c;
}

function drop(intern: Intern, code: number): void {
  const held = intern.keys.get(code);
  if (held === undefined) return; // -1: the ticket had no value
  if (--held[1] > 0) return;
  intern.keys.delete(code);
  intern.codes.delete(held[0]);
}

/** model.order, then the id as the last tie-break so no two tickets compare equal. Absent values sort last. */
function comparator(model: Model, fields: readonly FieldModel[], slots: Slots, idField: string): Compare {
  const keys = [...model.order];
  if (!keys.some((k) => k.field === idField)) keys.push({ field: idField, direction: "asc" });
  const parts = keys.map(({ field, direction }) => {
    const slot = slots.of.get(field) as number;
    const ordered = isOrdered(fields[slot] as FieldModel);
    return { slot, field, ordered, sign: direction === "desc" ? -1 : 1 };
  });
  return (a, b) => {
    for (const { slot, field, ordered, sign } of parts) {
      // Interned codes do not keep the values' order: exact fields compare their strings.
      const x = ordered ? a.codes[slot] : exactKey(a.ticket[field]);
      const y = ordered ? b.codes[slot] : exactKey(b.ticket[field]);
      if (x === y) continue;
      const xAbsent = x === undefined || Number.isNaN(x);
      const yAbsent = y === undefined || Number.isNaN(y);
      if (xAbsent || yAbsent) {
        if (xAbsent && yAbsent) continue;
        return xAbsent ? 1 : -1;
      }
      return ((x as string | number) < (y as string | number) ? -1 : 1) * sign;
    }
    return 0;
  };
}
