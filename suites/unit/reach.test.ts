// refusesConnections tells a target that is gone from one that takes connections.
import { createServer } from "node:net";
import { expect, it } from "vitest";
import { refusesConnections } from "../http/reach.ts";

it("is undefined while the target takes connections, and names the refusal once it is gone", async () => {
  const server = createServer((s) => s.end());
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}/tmf-api/troubleTicket/v4/troubleTicket`;
  expect(await refusesConnections(url)).toBeUndefined();
  await new Promise((ok) => server.close(ok));
  expect(await refusesConnections(url)).toBe("ECONNREFUSED");
});
