// A ticket's story (GET /__control/{resource}/{id}/timeline, as the console): every change,
// who made it, the events it caused, and each delivery attempt with the listener's answer,
// its latency and when the next attempt is due; queued events can be cancelled.

import type { ConsoleMeta, PendingDelivery, Timeline, TimelineChange, TimelineEvent } from "./api.ts";
import { CONTROL, send } from "./api.ts";
import { ACTOR, clock, shortId } from "./format.ts";
import { type LiveMessage, useFetched } from "./live.ts";
import { NexeraSide } from "./nexera.tsx";
import { Head, Problem } from "./parts.tsx";

export function TimelineView({ meta, id }: { meta: ConsoleMeta; id: string }) {
  const mine = (m: LiveMessage) => m.kind === "reset" || m.ticketId === id;
  const path = `${CONTROL}/${meta.resource}/${encodeURIComponent(id)}/timeline`;
  const { data, error, reload } = useFetched<Timeline>(path, mine);
  const name = data && meta.fields.name ? data.ticket[meta.fields.name] : undefined;
  return (
    <section aria-labelledby="ticket-h">
      <p>
        <a href="#/">← Tickets</a>
      </p>
      <h2 id="ticket-h" tabIndex={-1}>
        {typeof name === "string" ? name : "Ticket"} <code class="id">{id}</code>
      </h2>
      <Problem error={error} />
      {data && (
        <>
          <dl class="facts">
            <dt>Operator</dt>
            <dd>{data.operator}</dd>
            <dt>Type</dt>
            <dd>{data.ticketType}</dd>
            <dt>Status</dt>
            <dd>
              <span class="status" data-testid="status">
                {data.status}
              </span>
            </dd>
          </dl>
          <NexeraSide
            resource={meta.resource}
            timeline={data}
            form={meta.providerForm[data.ticketType] ?? []}
            done={reload}
          />
          <section aria-labelledby="story-h">
            <h3 id="story-h">Timeline</h3>
            {data.dropped > 0 && (
              <p class="note">
                {data.dropped} older change(s) of the simulator were dropped to keep its history bounded.
              </p>
            )}
            <ol class="timeline">
              {data.changes.map((c) => (
                <ChangeItem key={c.seq} change={c} cancelled={reload} />
              ))}
            </ol>
          </section>
          <details>
            <summary>The ticket as stored (JSON)</summary>
            <pre>{JSON.stringify(data.ticket, null, 2)}</pre>
          </details>
        </>
      )}
    </section>
  );
}

function ChangeItem({ change: c, cancelled }: { change: TimelineChange; cancelled: () => void }) {
  const what =
    c.kind === "create"
      ? "created"
      : c.statusChanges.length > 0
        ? c.statusChanges.map((s) => `${s.from} → ${s.to}`).join(", ")
        : "changed";
  return (
    <li class="change">
      <p class="head">
        <time dateTime={c.at} title={c.at}>
          {clock(c.at)}
        </time>{" "}
        <span class={`by by-${c.by}`}>{ACTOR[c.by] ?? c.by}</span> <strong>{what}</strong>
        {c.reason !== undefined && <span class="note"> “{c.reason}”</span>}
        {c.changedFields.length > 0 && <span class="note"> fields: {c.changedFields.join(", ")}</span>}
      </p>
      {c.events.length === 0 ? (
        <p class="note">No event.</p>
      ) : (
        <ul class="events">
          {c.events.map((e) => (
            <EventItem key={e.eventId} event={e} cancelled={cancelled} />
          ))}
        </ul>
      )}
    </li>
  );
}

function EventItem({ event: e, cancelled }: { event: TimelineEvent; cancelled: () => void }) {
  return (
    <li class="event">
      <p>
        <code>{e.eventType}</code> <span class="note">event {shortId(e.eventId)}</span>
        {e.subscriptions.length === 0 && <span class="note">: no listener subscribed to it</span>}
      </p>
      {e.attempts.length > 0 && (
        <table class="attempts">
          <caption class="sr-only">Delivery attempts of {e.eventType}</caption>
          <Head cols={["Attempt", "At", "Listener", "Answer", "Latency", "Outcome", "Next attempt"]} />
          <tbody>
            {e.attempts.map((a) => (
              <tr key={`${a.subscriptionId}-${a.attempt}-${a.outcome}`} class={`outcome-${a.outcome}`}>
                <td>{a.attempt}</td>
                <td title={a.at}>{clock(a.at)}</td>
                <td class="url">{a.url}</td>
                <td>{a.statusCode ?? a.error ?? ""}</td>
                <td>{a.latencyMs} ms</td>
                <td>
                  {a.outcome}
                  {a.reason !== undefined && <span class="note"> ({a.reason})</span>}
                </td>
                <td title={a.nextAttemptAt}>{clock(a.nextAttemptAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {e.pending.map((p) => (
        <Queued key={p.subscriptionId} pending={p} cancelled={cancelled} />
      ))}
    </li>
  );
}

export function Queued({ pending: p, cancelled }: { pending: PendingDelivery; cancelled: () => void }) {
  return (
    <p class="queued">
      Queued for subscription <code>{shortId(p.subscriptionId)}</code> ({p.attempts} attempt(s) so far){" "}
      <CancelButton pending={p} done={cancelled} />
    </p>
  );
}

export function CancelButton({ pending: p, done }: { pending: PendingDelivery; done: () => void }) {
  const cancel = async () => {
    await send(
      "DELETE",
      `${CONTROL}/deliveries/pending/${encodeURIComponent(p.subscriptionId)}/${encodeURIComponent(p.eventId)}`,
    ).catch(() => undefined); // delivered meanwhile: the refresh shows it
    done();
  };
  return (
    <button type="button" onClick={cancel} aria-label={`Cancel the delivery of ${p.eventType} ${shortId(p.eventId)}`}>
      Cancel
    </button>
  );
}
