// Tickets, of one operator or every operator, by the API's own filter grammar
// (GET /__console/api/tickets[/{operator}]?<query>): a filter the API refuses is refused here too.

import { useState } from "preact/hooks";
import type { ConsoleMeta, TicketList } from "./api.ts";
import { PREFIX } from "./api.ts";
import { dateTime, ticketHref } from "./format.ts";
import { useFetched } from "./live.ts";
import { Problem } from "./parts.tsx";

const always = () => true;

export function TicketsView({ meta }: { meta: ConsoleMeta }) {
  const [operator, setOperator] = useState("");
  const [filter, setFilter] = useState("");
  const [applied, setApplied] = useState({ operator: "", filter: "" });
  const query = applied.filter.trim().replace(/^\?/, "");
  const path = `${PREFIX}/api/tickets${applied.operator ? `/${encodeURIComponent(applied.operator)}` : ""}${query ? `?${query}` : ""}`;
  const { data, error } = useFetched<TicketList>(path, always);
  const f = meta.fields;
  const cell = (t: Record<string, unknown>, field: string | undefined) =>
    field === undefined || t[field] === undefined ? "" : String(t[field]);
  return (
    <section aria-labelledby="tickets-h">
      <h2 id="tickets-h" tabIndex={-1}>
        Tickets
      </h2>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ operator, filter });
        }}
      >
        <label>
          Operator{" "}
          <select value={operator} onChange={(e) => setOperator(e.currentTarget.value)}>
            <option value="">every operator</option>
            {meta.operators.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label class="grow">
          Filter, as in the API{" "}
          <input
            type="text"
            value={filter}
            placeholder={f.ticketType ? `${f.ticketType}=${meta.ticketTypes[0] ?? ""}&limit=20` : "limit=20"}
            aria-describedby="filter-hint"
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Show</button>
        <p id="filter-hint" class="note">
          Parameters: {meta.filters.join(", ")}; operators such as <code>.gt</code>, lists with commas, and offset,
          limit, fields.
        </p>
      </form>
      <Problem error={error} />
      {data && (
        <>
          <p class="note" aria-live="polite">
            {data.total} ticket{data.total === 1 ? "" : "s"}
            {data.items.length < data.total ? `, ${data.items.length} shown` : ""}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Ticket</th>
                <th scope="col">Operator</th>
                {f.ticketType && <th scope="col">Type</th>}
                <th scope="col">Status</th>
                {f.created && <th scope="col">Created</th>}
                {f.updated && <th scope="col">Last update</th>}
              </tr>
            </thead>
            <tbody>
              {data.items.map(({ operator: owner, ticket: t }) => {
                const id = cell(t, f.id);
                return (
                  <tr key={id}>
                    <td>
                      <a href={ticketHref(id)}>{cell(t, f.name) || id}</a>
                      {f.name && <code class="id">{id}</code>}
                    </td>
                    <td>{owner}</td>
                    {f.ticketType && <td>{cell(t, f.ticketType)}</td>}
                    <td>
                      <span class="status">{cell(t, f.status)}</span>
                    </td>
                    {f.created && <td title={cell(t, f.created)}>{dateTime(cell(t, f.created))}</td>}
                    {f.updated && <td title={cell(t, f.updated)}>{dateTime(cell(t, f.updated))}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
