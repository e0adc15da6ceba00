// Lost updates after a stress run: every note whose PATCH answered 200 must be on its hot
// ticket, and the events the subscribed listener received for it must keep the ticket's
// order (docs/rules.md §6: in order per ticket) and miss none: one event at least for each
// number of notes the ticket went through, the counts never going down.
import type { ReceivedEvent } from "../../listener/app.ts";
import type { MixContext } from "./job.ts";
import { noteShape } from "./mix.ts";

export interface LostUpdates {
  /** Notes answered 200 on the hot tickets. */
  readonly notesSent: number;
  /** Of those, not on the ticket afterwards. */
  readonly notesMissing: number;
  /** Events received about the hot tickets (distinct eventIds). */
  readonly events: number;
  /** Note counts the ticket went through that no event showed. */
  readonly eventsMissing: number;
  /** Events whose ticket had fewer notes than the event before it. */
  readonly eventsOutOfOrder: number;
  readonly examples: readonly string[];
}

export const lost = (l: LostUpdates) => l.notesMissing + l.eventsMissing + l.eventsOutOfOrder;

/** The hot tickets as the API shows them, judged against the notes sent and the listener's records. */
export async function checkHotTickets(ctx: MixContext, origin: string, listenerUrl: string, path: string) {
  const { list, text } = noteShape(ctx.model);
  const examples: string[] = [];
  let notesSent = 0;
  let notesMissing = 0;
  let events = 0;
  let eventsMissing = 0;
  let eventsOutOfOrder = 0;
  for (const id of ctx.hot) {
    const res = await fetch(`${origin}${ctx.base}/${ctx.model.resource}/${id}`, {
      headers: { authorization: ctx.operators.a.basic },
    });
    if (res.status !== 200) throw new Error(`GET hot ticket ${id} answered ${res.status}`);
    const ticket = (await res.json()) as Record<string, unknown>;
    const notes = ((ticket[list] ?? []) as Array<Record<string, unknown>>).map((n) => n[text]);
    const present = new Set(notes);
    const sent = ctx.notes.get(id) ?? [];
    notesSent += sent.length;
    for (const t of sent.filter((x) => !present.has(x))) {
      notesMissing++;
      if (examples.length < 5) examples.push(`ticket ${id}: note "${t}" answered 200 but is not on the ticket`);
    }
    const counts = (await received(listenerUrl, id, path)).map((r) => noteCount(ctx, r, list));
    events += counts.length;
    counts.forEach((c, i) => {
      if (i === 0 || c >= (counts[i - 1] as number)) return;
      eventsOutOfOrder++;
      if (examples.length < 5)
        examples.push(`ticket ${id}: event ${i} shows ${c} notes after one showing ${counts[i - 1]}`);
    });
    const shown = new Set(counts);
    for (let k = (ctx.notesAtStart.get(id) ?? 0) + 1; k <= notes.length; k++) {
      if (shown.has(k)) continue;
      eventsMissing++;
      if (examples.length < 5) examples.push(`ticket ${id}: no event showed it with ${k} notes`);
    }
  }
  return { notesSent, notesMissing, events, eventsMissing, eventsOutOfOrder, examples } satisfies LostUpdates;
}

/** The listener's accepted events about one ticket from one subscription, each once, in the order they arrived. */
async function received(listenerUrl: string, ticketId: string, path: string): Promise<ReceivedEvent[]> {
  const res = await fetch(`${listenerUrl}/__control/events?ticketId=${encodeURIComponent(ticketId)}`);
  const seen = new Set<string>();
  return ((await res.json()) as ReceivedEvent[])
    .filter((r) => r.path.startsWith(`${path}/`) && r.answered === 200 && r.eventId !== undefined)
    .filter((r) => !seen.has(r.eventId as string) && seen.add(r.eventId as string))
    .sort((a, b) => a.seq - b.seq);
}

function noteCount(ctx: MixContext, r: ReceivedEvent, list: string): number {
  const body = r.body as { event?: Record<string, Record<string, unknown>> };
  const notes = body.event?.[ctx.model.events.payloadKey]?.[list];
  return Array.isArray(notes) ? notes.length : 0;
}

/** Waits until the simulator has nothing left to deliver; false when it still has after `timeoutMs`. */
export async function drained(origin: string, authorization: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${origin}/__control/deliveries/pending`, { headers: { authorization } });
    if (res.status === 200 && ((await res.json()) as unknown[]).length === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}
