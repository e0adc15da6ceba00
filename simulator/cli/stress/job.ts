// One request of a stress run, and what the requests share while the run goes on: who
// sends them, the tickets made so far, the notes the hot tickets were sent.
import type { Model } from "../../model/model.ts";

export type Method = "GET" | "POST" | "PATCH" | "DELETE" | "PUT";

export interface Job {
  /** What it is, for the tallies: "create", "hostile: deep nesting", ... */
  readonly kind: string;
  readonly hostile: boolean;
  /** Bytes sent as they are over a socket of their own: what an HTTP client would refuse to send. */
  readonly raw?: string;
  readonly method?: Method;
  /** From the server's root, query included. */
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The statuses a correct simulator may answer. */
  readonly expect: readonly number[];
  /** Told the answer: a new ticket's id for the pools, a note that was stored. */
  readonly then?: (status: number, body: string) => void;
  /** The hot ticket a note PATCH goes to (in-flight PATCHes per ticket are counted). */
  readonly hotTicket?: string;
}

export interface Operator {
  readonly user: string;
  readonly password: string;
  /** The Authorization header for HTTP Basic. */
  readonly basic: string;
}

export interface MixContext {
  readonly model: Model;
  /** The API base path, e.g. /tmf-api/troubleTicket/v4. */
  readonly base: string;
  /** a: subscribed and followed; b: a second tenant; filler: fills its room to the ticket limit. */
  readonly operators: { readonly a: Operator; readonly b: Operator; readonly filler: Operator };
  readonly bodyLimit: number;
  /** Where churned hub subscriptions point (the recording listener, another path). */
  readonly churnCallback: string;
  readonly random: () => number;
  /** a's latest access token, once a token request succeeded. */
  bearer?: string;
  readonly pools: { readonly a: string[]; readonly b: string[] };
  readonly hot: readonly string[];
  /** Per hot ticket, the note texts whose PATCH answered 200, in the order of the answers. */
  readonly notes: Map<string, string[]>;
  /** Per hot ticket, the notes it was created with. */
  readonly notesAtStart: Map<string, number>;
  readonly churn: string[];
  /** Makes texts unique (notes, renamed values); a note goes to hot ticket seq / 16, so notes in a row share one. */
  seq: number;
}

/** Builds a request when a connection is ready for it, from the run's state at that moment. */
export type Maker = (ctx: MixContext) => Job;

/** A seeded generator (mulberry32): the same seed gives the same mix. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function json(method: Method, path: string, auth: string, body: unknown, kind: string): Job {
  return {
    kind,
    hostile: false,
    method,
    path,
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify(body),
    expect: [200],
  };
}
