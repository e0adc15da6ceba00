// A stored ticket and its row in the store's indexes (store.ts keeps them, partition.ts orders them).

export type Ticket = Record<string, unknown>;

/**
 * One number per filter or order field: the value of an ordered field (an
 * instant, NaN when absent), or the interned code of an exact one (-1 when
 * absent). Scans read these, never the tickets, whose many shapes are slow to read.
 */
export type Codes = number[];

export interface Entry {
  readonly id: string;
  readonly operator: string;
  /**
   * The stored version as JSON text, which is what a read answers: serialized once per
   * version and sent as it is, and about half the memory of the object it stands for.
   * ticketOf parses a fresh copy where the ticket itself is needed (a change, a projection).
   */
  json: string;
  codes: Codes;
}

/** A fresh copy of the entry's ticket (nothing the caller does to it reaches the store). */
export function ticketOf(e: Entry): Ticket {
  return JSON.parse(e.json) as Ticket;
}
