// Credentials never reach a report: Authorization headers and token bodies are masked.
import type { Exchange } from "./client.ts";

const SECRET_KEYS = new Set(["access_token", "refresh_token", "id_token", "client_secret", "password"]);

export function redactHeaders(h: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    const lower = k.toLowerCase();
    out[k] =
      lower === "authorization" || lower === "proxy-authorization" || lower === "cookie"
        ? `${v.split(" ")[0] ?? ""} <redacted>`
        : v;
  }
  return out;
}

/** Masks secret fields of a JSON text, or a whole form body carrying one. */
export function redactBody(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.stringify(JSON.parse(text), (k, v: unknown) => (SECRET_KEYS.has(k) ? "<redacted>" : v));
  } catch {
    return /(client_secret|password|access_token)=/i.test(text) ? "<redacted form body>" : text;
  }
}

export function redact(ex: Exchange): Exchange {
  const body = redactBody(ex.request.body);
  return {
    request: { ...ex.request, headers: redactHeaders(ex.request.headers), ...(body !== undefined ? { body } : {}) },
    response: { ...ex.response, headers: redactHeaders(ex.response.headers), text: redactBody(ex.response.text) ?? "" },
    ms: ex.ms,
  };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}... (${s.length - n} more characters)` : s);

/** The exchange as a failure message shows it: request line and body, status and body. */
export function describeExchange(ex: Exchange, limit = 1500): string {
  const r = redact(ex);
  const ct = r.request.headers["content-type"];
  return [
    `sent: ${r.request.method} ${r.request.url}${ct ? ` (${ct})` : ""}`,
    ...(r.request.body !== undefined ? [`      ${clip(r.request.body, limit)}`] : []),
    r.response.status === 0
      ? "got:  no answer"
      : `got:  HTTP ${r.response.status}${r.response.headers["x-total-count"] !== undefined ? ` X-Total-Count=${r.response.headers["x-total-count"]}` : ""}${r.response.headers["x-result-count"] !== undefined ? ` X-Result-Count=${r.response.headers["x-result-count"]}` : ""}`,
    ...(r.response.text ? [`      ${clip(r.response.text, limit)}`] : []),
  ].join("\n");
}
