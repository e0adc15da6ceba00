// Small display helpers shared by the views.

/** "2026-12-02T10:11:12.345Z" -> "10:11:12.345" (the full instant goes in a title). */
export function clock(iso: string | undefined): string {
  return iso === undefined ? "" : iso.slice(11, 23);
}

export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** Who made a change, in words. */
export const ACTOR: Readonly<Record<string, string>> = {
  operator: "operator API",
  control: "control interface",
  console: "console",
  autoplay: "autoplay",
  seed: "seed data",
};

export function ticketHref(id: string): string {
  return `#/ticket/${encodeURIComponent(id)}`;
}

/** "2026-12-02T10:11:12.345Z" -> "2026-12-02 10:11:12" (UTC, as the API's dates). */
export function dateTime(iso: string | undefined): string {
  return iso === undefined ? "" : iso.slice(0, 19).replace("T", " ");
}
