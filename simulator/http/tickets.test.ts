import { expect, it } from "vitest";
import { sampleTicket } from "../model/sample.ts";
import { ALICE, basic, build, CONTROL, call, createTicket, model, TICKETS } from "./testing.ts";

const auth = basic(ALICE);

it.each(model.ticketTypes)("creates a %s with 201 and a Location naming the new ticket", async (ticketType) => {
  const app = build();
  const r = await call(app, { method: "POST", url: TICKETS, auth, body: sampleTicket(model, ticketType) });
  expect(r.statusCode).toBe(201);
  const ticket = r.json() as Record<string, unknown>;
  expect(ticket.ticketType).toBe(ticketType);
  expect(r.headers.location).toBe(`${TICKETS}/${String(ticket.id)}`);
  const again = await call(app, { method: "GET", url: String(r.headers.location), auth });
  expect(again.json()).toEqual(ticket);
});

it("starts Location and href with the public URL when one is configured", async () => {
  const app = build({ publicUrl: "https://nexera.example/" });
  const r = await call(app, { method: "POST", url: TICKETS, auth, body: sampleTicket(model, model.defaultTicketType) });
  expect(r.headers.location).toBe(`https://nexera.example${TICKETS}/${String(r.json().id)}`);
  expect(r.json().href).toBe(r.headers.location);
});

it("serves the API under a configured base path and not under the profile's", async () => {
  const app = build({ basePath: "/api/openapi/troubleTicket/" });
  const r = await call(app, {
    method: "POST",
    url: "/api/openapi/troubleTicket/troubleTicket",
    auth,
    body: sampleTicket(model, model.defaultTicketType),
  });
  expect(r.statusCode).toBe(201);
  expect(r.headers.location).toBe(`/api/openapi/troubleTicket/troubleTicket/${String(r.json().id)}`);
  expect((await call(app, { method: "GET", url: TICKETS, auth })).statusCode).toBe(404);
});

it("lists with status 200 and both count headers", async () => {
  const app = build();
  for (let i = 0; i < 3; i++) await createTicket(app, ALICE);
  const r = await call(app, { method: "GET", url: `${TICKETS}?limit=2`, auth });
  expect(r.statusCode).toBe(200);
  expect(r.headers["x-total-count"]).toBe("3");
  expect(r.headers["x-result-count"]).toBe("2");
  expect(r.json()).toHaveLength(2);
});

it("lists an empty page past the end with the total still counted", async () => {
  const app = build();
  await createTicket(app, ALICE);
  const r = await call(app, { method: "GET", url: `${TICKETS}?offset=5`, auth });
  expect(r.json()).toEqual([]);
  expect(r.headers["x-total-count"]).toBe("1");
  expect(r.headers["x-result-count"]).toBe("0");
});

it("returns only the requested fields on the list", async () => {
  const app = build();
  await createTicket(app, ALICE);
  const r = await call(app, { method: "GET", url: `${TICKETS}?fields=id,status`, auth });
  expect(Object.keys((r.json() as object[])[0] ?? {}).sort()).toEqual(["id", "status"]);
});

it("returns only the requested fields on get by id", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, { method: "GET", url: `${TICKETS}/${String(t.id)}?fields=name,status`, auth });
  expect(r.json()).toEqual({ name: t.name, status: t.status });
});

it("filters the list by creationDate.gt", async () => {
  const clock = { t: Date.parse("2024-01-01T00:00:00Z") };
  const app = build({ now: () => new Date(clock.t) });
  await createTicket(app, ALICE);
  clock.t = Date.parse("2024-02-01T00:00:00Z");
  const late = await createTicket(app, ALICE);
  const r = await call(app, { method: "GET", url: `${TICKETS}?creationDate.gt=2024-01-15T00:00:00Z`, auth });
  expect((r.json() as Array<{ id: string }>).map((t) => t.id)).toEqual([late.id]);
  expect(r.headers["x-total-count"]).toBe("1");
});

it("filters by ticketType and accepts the seed's ticketSubType spelling", async () => {
  const app = build();
  const complaint = await createTicket(app, ALICE, "Complaint");
  await createTicket(app, ALICE, "Customer_Trouble_Ticket");
  const byType = await call(app, { method: "GET", url: `${TICKETS}?ticketType=Complaint`, auth });
  expect((byType.json() as Array<{ id: string }>).map((t) => t.id)).toEqual([complaint.id]);
  const bySubtype = await call(app, {
    method: "GET",
    url: `${TICKETS}?ticketSubType=${String(complaint.ticketSubtype)}`,
    auth,
  });
  expect(bySubtype.headers["x-total-count"]).toBe("2");
});

it("answers a PATCH with 200 and the changed ticket", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, {
    method: "PATCH",
    url: `${TICKETS}/${String(t.id)}`,
    auth,
    body: { note: [{ text: "more details" }] },
  });
  expect(r.statusCode).toBe(200);
  expect(r.json().note).toEqual([expect.objectContaining({ text: "more details", date: expect.any(String) })]);
});

it("answers HEAD on a ticket without a body", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, { method: "HEAD", url: `${TICKETS}/${String(t.id)}`, auth });
  expect(r.statusCode).toBe(200);
  expect(r.body).toBe("");
});

it("decorates the instance with the ticket service and the model", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  expect(app.tickets.ownerOf(String(t.id))).toBe("alice");
  expect(app.model.basePath).toBe(model.basePath);
});

it("registers extra API plugins under the authenticated base path", async () => {
  const app = build({
    apiPlugins: [
      async (api, scope) => void api.get("/whoami", (req) => ({ operator: req.operator, base: scope.basePath })),
    ],
  });
  expect((await call(app, { method: "GET", url: `${model.basePath}/whoami`, auth })).json()).toEqual({
    operator: "alice",
    base: model.basePath,
  });
  expect((await call(app, { method: "GET", url: `${model.basePath}/whoami` })).statusCode).toBe(401);
});

it("counts tickets through the control list the same way as the API list", async () => {
  const app = build();
  await createTicket(app, ALICE);
  const r = await call(app, { method: "GET", url: `${CONTROL}?fields=id`, auth });
  expect(r.headers["x-total-count"]).toBe("1");
  expect(r.headers["x-result-count"]).toBe("1");
});
