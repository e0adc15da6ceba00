// A request whose answer may come before its body has been sent. A server may answer
// a body over its limit (413, docs/rules.md §2), or a media type it refuses, as soon as
// it has read the headers, then close the connection; the rest of the body meets a reset
// (EPIPE, ECONNRESET). The answer was already on the wire and a client can read it.
// undici cannot always: its parser reads only on 'readable', which a socket destroyed by
// the write error in the same tick never emits, so the request fails with "write EPIPE"
// about once in a hundred. node:http parses each chunk as it arrives ('data', flowing),
// so the answer is complete before the error is seen; then the error is only the close.
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

export interface EarlyRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
  /** Sent with Transfer-Encoding: chunked rather than a Content-Length (a body whose size the server learns by reading it). */
  readonly chunked?: boolean;
  readonly timeoutMs?: number;
}

export interface EarlyAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/** Bodies at least this large go through sendEarly: a smaller one is in the server's buffers before it can answer. */
export const EARLY_ANSWER_BYTES = 64 * 1024;

/** Sends one request on a connection of its own; resolves with the answer even when the body could not all be sent. */
export function sendEarly(r: EarlyRequest): Promise<EarlyAnswer> {
  const body = typeof r.body === "string" ? Buffer.from(r.body) : r.body;
  const headers: OutgoingHttpHeaders = { ...r.headers };
  if (r.chunked) delete headers["content-length"];
  else headers["content-length"] = body.length;
  const send = r.url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const chunks: Buffer[] = [];
    const done = () => resolve({ status: answer!.statusCode ?? 0, headers: flat(answer!), text: text(chunks) });
    const req = send(r.url, {
      method: r.method,
      headers,
      agent: false,
      ...(r.timeoutMs !== undefined ? { signal: AbortSignal.timeout(r.timeoutMs) } : {}),
    });
    req.on("response", (res) => {
      answer = res;
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", done);
      res.on("error", (e) => (res.complete ? undefined : reject(e)));
    });
    // The reset of the unsent rest of the body: harmless once the whole answer is in ('end' follows).
    req.on("error", (e) => (answer?.complete ? undefined : reject(e)));
    if (r.chunked) {
      // Several chunks, so the server sees a body it must read to measure.
      for (let i = 0; i < body.length; i += EARLY_ANSWER_BYTES) req.write(body.subarray(i, i + EARLY_ANSWER_BYTES));
      req.end();
    } else req.end(body);
  });
}

function flat(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

const text = (chunks: readonly Buffer[]) => Buffer.concat(chunks).toString("utf8");
