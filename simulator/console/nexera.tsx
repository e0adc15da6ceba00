// Nexera's side of one ticket: a button for each transition the profile lets Nexera make from
// the ticket's status (the timeline's nexeraMoves, from lifecycle.provider), a reason, and a
// form for Nexera's fields (the profile's providerFields), through the control interface's routes.
import { useRef, useState } from "preact/hooks";
import type { FormField, Timeline } from "./api.ts";
import { CONTROL, errorText, send } from "./api.ts";

export function NexeraSide({
  resource,
  timeline,
  form,
  done,
}: {
  resource: string;
  timeline: Timeline;
  form: readonly FormField[];
  done: () => void;
}) {
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const moves = useRef<HTMLFieldSetElement>(null);
  const ticketUrl = `${CONTROL}/${resource}/${encodeURIComponent(timeline.id)}`;
  const act = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
      setMessage({ text: `${what}: done.`, error: false });
      done();
    } catch (e) {
      setMessage({ text: `${what}: refused: ${errorText(e)}`, error: true });
    }
    // The buttons change with the status: keep the keyboard where the next move is.
    moves.current?.focus();
  };
  const move = (status: string) =>
    act(`Move to ${status}`, () => send("POST", `${ticketUrl}/status`, { status, ...(reason ? { reason } : {}) }));
  return (
    <section aria-labelledby="nexera-h" class="panel">
      <h3 id="nexera-h">Nexera's side</h3>
      <label>
        Reason for the move{" "}
        <input type="text" value={reason} placeholder="optional" onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <fieldset class="moves" tabIndex={-1} ref={moves}>
        <legend>Nexera's moves from {timeline.status}</legend>
        {timeline.nexeraMoves.length === 0 ? (
          <p class="note">The profile gives Nexera no move from {timeline.status}.</p>
        ) : (
          timeline.nexeraMoves.map((to) => (
            <button key={to} type="button" onClick={() => move(to)}>
              Move to {to}
            </button>
          ))
        )}
      </fieldset>
      <FieldsForm form={form} onSend={(body) => act("Set Nexera's fields", () => send("PATCH", ticketUrl, body))} />
      <p role="status" class={message?.error ? "error" : "note"}>
        {message?.text ?? ""}
      </p>
    </section>
  );
}

/** One input per field (a select for an enum); an array of objects sends one item of its filled inputs. */
function FieldsForm({ form, onSend }: { form: readonly FormField[]; onSend: (body: Record<string, unknown>) => void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const set = (key: string, v: string) => setValues((s) => ({ ...s, [key]: v }));
  const body = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const f of form) {
      if (f.item) {
        const item = Object.fromEntries(
          f.item.flatMap((i) => {
            const v = values[`${f.name}.${i.name}`] ?? "";
            return v === "" ? [] : [[i.name, typed(i, v)]];
          }),
        );
        if (Object.keys(item).length > 0) out[f.name] = [item];
      } else if ((values[f.name] ?? "") !== "") out[f.name] = typed(f, values[f.name] ?? "");
    }
    return out;
  };
  const input = (f: FormField, key: string, label: string) => (
    <span key={key} class="field">
      <label for={`nexera-${key}`}>{label}</label>{" "}
      {f.enumValues ? (
        <select id={`nexera-${key}`} value={values[key] ?? ""} onChange={(e) => set(key, e.currentTarget.value)}>
          <option value="">(unchanged)</option>
          {f.enumValues.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : f.type === "integer" || f.type === "number" ? (
        <input
          id={`nexera-${key}`}
          type="number"
          value={values[key] ?? ""}
          onInput={(e) => set(key, e.currentTarget.value)}
        />
      ) : (
        <input
          id={`nexera-${key}`}
          type="text"
          value={values[key] ?? ""}
          placeholder={f.format === "date-time" ? "2026-12-31T17:00:00Z" : ""}
          onInput={(e) => set(key, e.currentTarget.value)}
        />
      )}
    </span>
  );
  return (
    <form
      class="fields"
      aria-label="Nexera's fields"
      onSubmit={(e) => {
        e.preventDefault();
        onSend(body());
        setValues({});
      }}
    >
      <fieldset>
        <legend>Nexera's fields</legend>
        {form.map((f) =>
          f.item ? (
            <fieldset key={f.name}>
              <legend>{f.name} (one appended)</legend>
              {f.item.map((i) => input(i, `${f.name}.${i.name}`, i.name))}
            </fieldset>
          ) : (
            input(f, f.name, f.name)
          ),
        )}
        <button type="submit">Set fields</button>
      </fieldset>
    </form>
  );
}

function typed(f: FormField, v: string): unknown {
  if (f.type === "integer" || f.type === "number") return Number(v);
  if (f.type === "boolean") return v === "true";
  return v;
}
