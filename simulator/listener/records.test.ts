// The listener keeps its newest records (docs/rules.md §8): the oldest are dropped and
// counted in X-Records-Dropped on GET /__control/events, until DELETE starts it over.
import { expect, it } from "vitest";
import { DROPPED_HEADER } from "../core/bounded-log.ts";
import { loadProfile } from "../model/load.ts";
import { startListener } from "./testing.ts";

const model = loadProfile();

it("keeps the newest records past --max-records and counts the dropped ones", async () => {
  const { url } = await startListener(model, { maxRecords: 2 });
  for (const i of [1, 2, 3, 4, 5])
    await fetch(`${url}/listener/troubleTicketStatusChangeEvent`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ eventId: `e${i}` }),
    });
  const res = await fetch(`${url}/__control/events`);
  expect(res.headers.get(DROPPED_HEADER)).toBe("3");
  expect(((await res.json()) as Array<{ eventId: string }>).map((r) => r.eventId)).toEqual(["e4", "e5"]);
  expect((await fetch(`${url}/__control/events`, { method: "DELETE" })).status).toBe(204);
  const after = await fetch(`${url}/__control/events`);
  expect([after.headers.get(DROPPED_HEADER), await after.json()]).toEqual(["0", []]);
});
