// Live updates: one EventSource for the page (GET /__console/api/stream). A view says which
// kinds of message concern it; it is told at most once per FLUSH_MS, however many arrive,
// and then fetches what it shows again.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { errorText, getJson, PREFIX } from "./api.ts";

export type LiveKind = "change" | "attempt" | "reset" | "traffic";
export interface LiveMessage {
  readonly kind: LiveKind;
  readonly ticketId?: string;
}
type Listener = (m: LiveMessage) => void;

const FLUSH_MS = 150;
const listeners = new Set<Listener>();
const connection = { open: false, watchers: new Set<(open: boolean) => void>() };
let source: EventSource | undefined;

function connect(): void {
  if (source) return;
  source = new EventSource(`${PREFIX}/api/stream`);
  const setOpen = (open: boolean) => {
    connection.open = open;
    for (const w of connection.watchers) w(open);
  };
  source.onopen = () => setOpen(true);
  source.onerror = () => setOpen(false); // the browser reconnects by itself
  for (const kind of ["change", "attempt", "reset", "traffic"] as const)
    source.addEventListener(kind, (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { ticketId?: string };
      const m: LiveMessage = data.ticketId !== undefined ? { kind, ticketId: data.ticketId } : { kind };
      for (const fn of [...listeners]) fn(m);
    });
}

/** Calls refresh (at most once per FLUSH_MS) after each message `wanted` accepts. */
export function useLive(wanted: (m: LiveMessage) => boolean, refresh: () => void): void {
  // The latest callbacks, without subscribing again on every render.
  const latest = useRef({ wanted, refresh });
  latest.current = { wanted, refresh };
  useEffect(() => {
    connect();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fn: Listener = (m) => {
      if (!latest.current.wanted(m) || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        latest.current.refresh();
      }, FLUSH_MS);
    };
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
      clearTimeout(timer);
    };
  }, []);
}

export interface Fetched<T> {
  readonly data?: T;
  readonly error?: string;
  /** Fetches again now (after an action of the page's own). */
  readonly reload: () => void;
}

/** GET path as JSON, again after every live message `wanted` accepts; the newest answer wins. */
export function useFetched<T>(path: string, wanted: (m: LiveMessage) => boolean): Fetched<T> {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    let current = true;
    getJson<T>(path).then(
      (data) => current && setState({ data }),
      (e: unknown) => current && setState((s) => ({ ...s, error: errorText(e) })),
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  useLive(wanted, reload);
  return { ...state, reload };
}

/** Whether the live stream is open (shown in the header). */
export function useConnected(): boolean {
  const [open, setOpen] = useState(connection.open);
  useEffect(() => {
    connect();
    connection.watchers.add(setOpen);
    return () => void connection.watchers.delete(setOpen);
  }, []);
  return open;
}
