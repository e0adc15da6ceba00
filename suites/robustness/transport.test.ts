// How a body is sent (docs/rules.md §2): in a media type the operation does not take
// (415), with no media type at all, and over the size limit (413), with a Content-Length
// the server can refuse before reading, and chunked, so it must read to the limit. The
// server may answer before the body is all sent; the suite reads that answer.
import { describe, it } from "vitest";
import type { Body } from "../model/samples.ts";
import { type Case, check } from "../report/case.ts";
import { suiteFile } from "../support/context.ts";
import { fixtureWithTicket, probing, startOf, type WriteOp, writeOps } from "./cases.ts";
import { expectRefused, expectStoredOrRefused, robustness } from "./judge.ts";

const { model } = suiteFile();
const fx = fixtureWithTicket(model);
const limit = model.bodyLimitBytes;
const limitRule = model.file.api.bodyLimitBytes;

/** Media types an operation does not take: others, and its own with a charset other than UTF-8. */
function wrongTypes(op: WriteOp): string[] {
  const others = [
    "text/plain",
    "application/xml",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=rb",
    "application/octet-stream",
    "text/json",
    "application/json-patch+json",
    "application/merge-patch+json",
    "application/json",
  ].filter((t) => !op.accepted.includes(t));
  return [...others, `${op.type}; charset=iso-8859-1`, `${op.type}; charset=utf-16`];
}

/** A body of exactly `size` bytes: the operation's body with its text field padded (undefined if it cannot be). */
function ofSize(body: Body, field: string, size: number): string | undefined {
  const bare = Buffer.byteLength(JSON.stringify({ ...body, [field]: "" }));
  return size < bare ? undefined : JSON.stringify({ ...body, [field]: "x".repeat(size - bare) });
}

describe.concurrent("robustness: media types and size", () => {
  for (const op of writeOps(model)) {
    it(
      `rejects ${op.method} in a media type it does not take with 415`,
      check(
        robustness(op.name, "any other media type, or a charset other than UTF-8, is 415", "TMF", "§2"),
        async (c: Case) => {
          const t = startOf(c, op, fx, "type");
          await probing(c, t.guard, async (p) => {
            for (const type of wrongTypes(op)) {
              const what = `a valid body sent as ${type}`;
              const headers = { "content-type": type };
              const ex = await p.send({ method: op.method, path: t.path, headers, body: JSON.stringify(t.body) }, what);
              const says = ["content type", "content-type", "media type", "charset", type.split(";")[0]!];
              expectRefused(c, ex, { status: 415, says, sent: what });
              await p.expectIntact(what);
            }
          });
        },
      ),
    );

    it(
      `rejects a ${op.method} body without a Content-Type with 415 or 400`,
      check(
        robustness(op.name, "a body must come in a media type the operation takes", "TMF", "§2"),
        async (c: Case) => {
          const t = startOf(c, op, fx, "notype");
          await probing(c, t.guard, async (p) => {
            const what = "a valid body without a Content-Type";
            const ex = await p.send({ method: op.method, path: t.path, body: JSON.stringify(t.body) }, what);
            expectRefused(c, ex, {
              status: [415, 400],
              says: ["content type", "content-type", "media type"],
              sent: what,
            });
            await p.expectIntact(what);
          });
        },
      ),
    );

    const field = op.method === "POST" ? fx.spots.text.name : (fx.spots.patchText ?? fx.spots.text).name;
    it(
      `answers a ${op.method} of ${limit + 1} bytes with 413, with a Content-Length and chunked`,
      check(
        robustness(op.name, `request bodies over ${limit} bytes are 413`, limitRule.provenance, "§2"),
        async (c: Case) => {
          const t = startOf(c, op, fx, "big");
          const body = ofSize(t.body, field, limit + 1) ?? "x".repeat(limit + 1);
          await probing(c, t.guard, async (p) => {
            for (const chunked of [false, true]) {
              const what = `a body of ${limit + 1} bytes ${chunked ? "sent chunked" : "with its Content-Length"}`;
              const ex = await p.send({ method: op.method, path: t.path, headers: t.headers, body, chunked }, what);
              expectRefused(c, ex, {
                status: 413,
                says: ["large", "limit", "size", "too big", String(limit)],
                sent: what,
              });
              await p.expectIntact(what);
            }
          });
        },
      ),
    );
  }

  const post = writeOps(model)[0]!;
  it(
    `takes a valid POST of exactly ${limit} bytes (stored whole, or refused naming the field, never 413)`,
    check(
      robustness(post.name, `request bodies over ${limit} bytes are 413`, limitRule.provenance, "§2"),
      async (c: Case) => {
        const t = startOf(c, post, fx, "limit");
        const field = fx.spots.text.name;
        const body = ofSize(t.body, field, limit);
        if (body === undefined) return c.step(`a valid body does not fit in ${limit} bytes`, async () => undefined);
        // The marker's own field is padded in a profile with one free text field: then nothing counts the ticket.
        const guard = fx.spots.marker?.field === field ? ({ kind: "none" } as const) : t.guard;
        await probing(c, guard, async (p) => {
          const what = `a valid body of exactly ${limit} bytes`;
          const ex = await p.send({ method: "POST", path: t.path, headers: t.headers, body }, what);
          await expectStoredOrRefused(c, p, ex, field, JSON.parse(body)[field], what);
          await p.expectIntact(what);
        });
      },
    ),
  );
});
