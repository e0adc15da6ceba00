// The client role (certify --role client): the verdict so far, refreshed as the client's
// requests arrive: the rules it broke, as they happen, and the coverage checklist.

import type { ClientVerdict, VerdictCase } from "./api.ts";
import { PREFIX } from "./api.ts";
import { type LiveMessage, useFetched } from "./live.ts";
import { Problem } from "./parts.tsx";

const wanted = (m: LiveMessage) => m.kind === "traffic" || m.kind === "attempt";
const MARK: Readonly<Record<VerdictCase["outcome"], string>> = { kept: "✓", broken: "✗", notExercised: "○" };
const WORD: Readonly<Record<VerdictCase["outcome"], string>> = {
  kept: "kept",
  broken: "broken",
  notExercised: "not exercised",
};

export function ClientView() {
  const { data, error } = useFetched<ClientVerdict>(`${PREFIX}/api/client`, wanted);
  const broken = data?.cases.filter((c) => c.outcome === "broken") ?? [];
  const areas = [...new Set(data?.cases.map((c) => c.area) ?? [])];
  return (
    <section aria-labelledby="client-h">
      <h2 id="client-h" tabIndex={-1}>
        Client role: the verdict so far
      </h2>
      <Problem error={error} />
      {data && (
        <>
          <p class={data.conformant ? "verdict ok" : "verdict bad"} aria-live="polite">
            {data.conformant ? "No rule broken so far" : `${broken.length} rule(s) broken`}: {data.requests} request(s)
            from {data.activeOperators.join(", ") || "no operator yet"}. Events still being delivered are judged once
            they are.
          </p>
          <h3>Rules broken</h3>
          {broken.length === 0 ? (
            <p class="note">None.</p>
          ) : (
            <ul class="broken">
              {broken.map((c) => (
                <li key={`${c.area}-${c.rule}`}>
                  <strong>{c.rule}</strong> <span class="note">({c.operation})</span>
                  <p>{c.why}</p>
                  {c.examples[0]?.response !== undefined && <pre>{c.examples[0].response}</pre>}
                </li>
              ))}
            </ul>
          )}
          <h3>Coverage</h3>
          {areas.map((area) => (
            <section key={area} aria-label={area}>
              <h4>{area}</h4>
              <ul class="checklist">
                {data.cases
                  .filter((c) => c.area === area)
                  .map((c) => (
                    <li key={`${c.operation}-${c.rule}`} class={`case-${c.outcome}`}>
                      <span aria-hidden="true">{MARK[c.outcome]}</span> <span class="sr-only">{WORD[c.outcome]}:</span>{" "}
                      {c.operation}: {c.rule}
                      {c.outcome !== "kept" && c.why !== undefined && <span class="note"> — {c.why}</span>}
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
