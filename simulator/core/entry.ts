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
  ticket: Ticket;
  codes: Codes;
}
