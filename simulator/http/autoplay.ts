// --autoplay: each new ticket walks the profile's lifecycle.autoplay states
// (submitted -> acknowledged -> inProgress -> resolved in Nexera 1.5.0), one step
// every stepMs, as Nexera-driven transitions. A step that has become illegal (the
// operator cancelled, the store was reset) ends that ticket's walk quietly.
import { ApiError } from "../core/errors.ts";
import type { TicketService } from "../core/tickets.ts";

export interface AutoplayOptions {
  stepMs: number;
  /** The states to move through, in order (model.lifecycle.autoplay). */
  states: readonly string[];
  /** The ticket's id field (the root field the server sets as "id"). */
  idField: string;
  reason?: string;
  /** Reports a failure that is not a refusal of the service (a simulator bug). */
  onError?: (err: unknown) => void;
}

/** Starts autoplay on `service`; the returned function stops it and clears every timer. */
export function startAutoplay(service: TicketService, opts: AutoplayOptions): () => void {
  const timers = new Set<NodeJS.Timeout>();
  const reason = opts.reason ?? "autoplay";
  let stopped = false;

  const schedule = (id: string, step: number) => {
    const state = opts.states[step];
    if (state === undefined || stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      try {
        service.providerTransition(id, state, reason);
      } catch (err) {
        if (!(err instanceof ApiError)) opts.onError?.(err);
        return;
      }
      schedule(id, step + 1);
    }, opts.stepMs);
    timer.unref();
    timers.add(timer);
  };

  const unsubscribe = service.onChange((change) => {
    const id = change.ticket[opts.idField];
    if (change.kind === "create" && typeof id === "string") schedule(id, 0);
  });

  return () => {
    stopped = true;
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    timers.clear();
  };
}
