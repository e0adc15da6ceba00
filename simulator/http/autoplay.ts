// --autoplay: Nexera's side played on every new ticket along the profile's
// lifecycle.autoplay states (Nexera 1.5.0: acknowledged, inProgress, pending, resolved),
// one Nexera-driven step every stepMs. Each ticket keeps its position in the list. A step
// is taken only when Nexera may move the ticket from its current state to the next listed
// one (docs/rules.md §5); otherwise the walk waits for the ticket to change: in pending it
// waits for the operator's information (lifecycle.onAppend moves it to inProgress), and
// goes on from there. A final ticket ends its walk. A ticket that leaves the walk's last
// state afterwards (the operator reopens a resolved ticket) is walked back to it.
import { ApiError } from "../core/errors.ts";
import type { Change, TicketService } from "../core/tickets.ts";
import type { LifecycleModel } from "../model/model.ts";
import { canMove } from "../model/model.ts";

export interface AutoplayOptions {
  stepMs: number;
  /** The lifecycle: autoplay's states, the provider's transitions, the final states. */
  lifecycle: LifecycleModel;
  /** The ticket's id field (the root field the server sets as "id"). */
  idField: string;
  reason?: string;
  /** Reports a failure that is not a refusal of the service (a simulator bug). */
  onError?: (err: unknown) => void;
}

interface Walk {
  /** Index in lifecycle.autoplay of the next state to reach; states.length when the walk is done. */
  pos: number;
  timer?: NodeJS.Timeout;
}

/** Starts autoplay on `service`; the returned function stops it and clears every timer. */
export function startAutoplay(service: TicketService, opts: AutoplayOptions): () => void {
  const lc = opts.lifecycle;
  const states = lc.autoplay;
  const reason = opts.reason ?? "autoplay";
  const walks = new Map<string, Walk>();
  let stopped = false;

  const end = (id: string) => {
    clearTimeout(walks.get(id)?.timer);
    walks.delete(id);
  };

  // The one place a walk's position moves: every change of the ticket (autoplay's own
  // steps included, which the service reports like any other) comes through here.
  const follow = (id: string, status: string) => {
    const walk = walks.get(id);
    if (!walk || stopped) return;
    if (lc.final.has(status)) return end(id);
    if (walk.pos < states.length && status === states[walk.pos]) walk.pos++;
    // Left the last state after the walk (reopened): walk back to it.
    if (walk.pos === states.length && status !== states.at(-1)) walk.pos = states.length - 1;
    const next = states[walk.pos];
    if (next !== undefined && walk.timer === undefined && canMove(lc.provider, status, next)) schedule(id, walk);
  };

  const schedule = (id: string, walk: Walk) => {
    walk.timer = setTimeout(() => {
      delete walk.timer;
      const next = states[walk.pos];
      if (next === undefined || walks.get(id) !== walk) return;
      try {
        // Still allowed? The operator may have moved the ticket meanwhile: then the walk
        // waits for its next change (follow) instead of failing.
        const status = String(service.get(undefined, id)[lc.field]);
        if (canMove(lc.provider, status, next)) service.providerTransition(id, next, reason, "autoplay");
      } catch (err) {
        // A refusal means the ticket moved on or went away; only a bug is reported.
        if (!(err instanceof ApiError)) opts.onError?.(err);
        else if (err.kind === "notFound") end(id);
      }
    }, opts.stepMs);
    walk.timer.unref();
  };

  const onChange = (change: Change) => {
    const id = change.ticket[opts.idField];
    if (typeof id !== "string") return;
    if (change.kind === "create" && states.length > 0) walks.set(id, { pos: 0 });
    follow(id, String(change.ticket[lc.field]));
  };
  const unsubscribe = service.onChange(onChange);
  // A reset forgets every ticket, so every walk ends with it.
  const unsubscribeReset = service.onReset(() => {
    for (const id of [...walks.keys()]) end(id);
  });

  return () => {
    stopped = true;
    unsubscribe();
    unsubscribeReset();
    for (const id of [...walks.keys()]) end(id);
  };
}
