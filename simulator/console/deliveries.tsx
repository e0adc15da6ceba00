// Subscriptions and deliveries (GET /__console/api/deliveries): every operator's hub
// subscriptions, the events still queued (each with Cancel), and the failed attempts.

import type { Deliveries } from "./api.ts";
import { PREFIX } from "./api.ts";
import { clock, shortId, ticketHref } from "./format.ts";
import { type LiveMessage, useFetched } from "./live.ts";
import { Head, Problem } from "./parts.tsx";
import { CancelButton } from "./timeline.tsx";

const wanted = (m: LiveMessage) => m.kind !== "traffic";

export function DeliveriesView() {
  const { data, error, reload } = useFetched<Deliveries>(`${PREFIX}/api/deliveries`, wanted);
  return (
    <section aria-labelledby="deliveries-h">
      <h2 id="deliveries-h" tabIndex={-1}>
        Subscriptions and deliveries
      </h2>
      <Problem error={error} />
      {data && (
        <>
          <h3>Subscriptions ({data.subscriptions.length})</h3>
          <table>
            <Head cols={["Id", "Operator", "Callback", "Query"]} />
            <tbody>
              {data.subscriptions.map((s) => (
                <tr key={String(s.id)}>
                  <td>
                    <code>{shortId(String(s.id))}</code>
                  </td>
                  <td>{String(s.operator)}</td>
                  <td class="url">{String(s.callback)}</td>
                  <td>{s.query === undefined ? "" : String(s.query)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Queued ({data.pending.length})</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Ticket</th>
                <th scope="col">Subscription</th>
                <th scope="col">Attempts</th>
                <th scope="col">Queued at</th>
                <th scope="col">Next attempt</th>
                <th scope="col">
                  <span class="sr-only">Cancel</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.pending.map((p) => (
                <tr key={`${p.subscriptionId}-${p.eventId}`}>
                  <td>
                    <code>{p.eventType}</code>
                  </td>
                  <td>
                    <a href={ticketHref(p.ticketId)}>{shortId(p.ticketId)}</a>
                  </td>
                  <td>
                    <code>{shortId(p.subscriptionId)}</code>
                  </td>
                  <td>{p.attempts}</td>
                  <td title={p.enqueuedAt}>{clock(p.enqueuedAt)}</td>
                  <td title={p.nextAttemptAt}>{clock(p.nextAttemptAt)}</td>
                  <td>
                    <CancelButton pending={p} done={reload} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Failed attempts ({data.failed.length}, newest first)</h3>
          <table>
            <Head cols={["At", "Event", "Ticket", "Attempt", "Answer", "Latency", "Outcome"]} />
            <tbody>
              {data.failed.map((a) => (
                <tr key={`${a.subscriptionId}-${a.eventId}-${a.attempt}`} class={`outcome-${a.outcome}`}>
                  <td title={a.at}>{clock(a.at)}</td>
                  <td>
                    <code>{a.eventType}</code>
                  </td>
                  <td>
                    <a href={ticketHref(a.ticketId)}>{shortId(a.ticketId)}</a>
                  </td>
                  <td>{a.attempt}</td>
                  <td>{a.statusCode ?? a.error ?? ""}</td>
                  <td>{a.latencyMs} ms</td>
                  <td>
                    {a.outcome}
                    {a.nextAttemptAt !== undefined && <span class="note"> (next at {clock(a.nextAttemptAt)})</span>}
                    {a.reason !== undefined && <span class="note"> ({a.reason})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.dropped > 0 && <p class="note">{data.dropped} older attempt(s) dropped to keep the log bounded.</p>}
        </>
      )}
    </section>
  );
}
