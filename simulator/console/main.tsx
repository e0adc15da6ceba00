// The console's page (docs/decisions/0012-console.md): a header, and one view per hash route.
//   #/                     tickets          #/ticket/{id}   a ticket's timeline and Nexera's side
//   #/deliveries           subscriptions and deliveries     #/client   the client role's verdict
import "./console.css";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { ConsoleMeta } from "./api.ts";
import { errorText, getJson, PREFIX } from "./api.ts";
import { ClientView } from "./client.tsx";
import { DeliveriesView } from "./deliveries.tsx";
import { useConnected } from "./live.ts";
import { ResetButton } from "./reset.tsx";
import { TicketsView } from "./tickets.tsx";
import { TimelineView } from "./timeline.tsx";

type Route = { view: "tickets" } | { view: "ticket"; id: string } | { view: "deliveries" } | { view: "client" };

/** The route of a "#/..." hash; undefined for another fragment (the skip link's #main). */
function routeOf(hash: string): Route | undefined {
  if (hash !== "" && hash !== "#" && !hash.startsWith("#/")) return undefined;
  const [, view = "", id = ""] = hash.replace(/^#/, "").split("/");
  if (view === "ticket" && id !== "") return { view: "ticket", id: decodeURIComponent(id) };
  if (view === "deliveries") return { view: "deliveries" };
  if (view === "client") return { view: "client" };
  return { view: "tickets" };
}

function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeOf(location.hash) ?? { view: "tickets" });
  useEffect(() => {
    const on = () => {
      const next = routeOf(location.hash);
      if (!next) return;
      setRoute(next);
      // A new view: its heading takes the focus, so keyboard and screen reader users start there.
      requestAnimationFrame(() => document.querySelector<HTMLElement>("main h2")?.focus());
    };
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  return route;
}

function App() {
  const [meta, setMeta] = useState<ConsoleMeta>();
  const [error, setError] = useState<string>();
  const route = useRoute();
  const connected = useConnected();
  useEffect(() => {
    getJson<ConsoleMeta>(`${PREFIX}/api/meta`).then(setMeta, (e: unknown) => setError(errorText(e)));
  }, []);
  if (error) return <p role="alert">The console could not start: {error}</p>;
  if (!meta) return <p>Loading the console…</p>;
  const link = (href: string, label: string, current: boolean) => (
    <a href={href} aria-current={current ? "page" : undefined}>
      {label}
    </a>
  );
  return (
    <>
      <a class="skip" href="#main">
        Skip to the content
      </a>
      <header>
        <h1>Nexera console</h1>
        <span class="profile">{meta.title}</span>
        <nav aria-label="Views">
          {link("#/", "Tickets", route.view === "tickets" || route.view === "ticket")}
          {link("#/deliveries", "Deliveries", route.view === "deliveries")}
          {meta.clientRole && link("#/client", "Client role", route.view === "client")}
        </nav>
        <span class={connected ? "live on" : "live"} role="status">
          {connected ? "live" : "reconnecting…"}
        </span>
        <ResetButton />
      </header>
      <main id="main" tabIndex={-1}>
        {route.view === "tickets" && <TicketsView meta={meta} />}
        {route.view === "ticket" && <TimelineView meta={meta} id={route.id} />}
        {route.view === "deliveries" && <DeliveriesView />}
        {route.view === "client" && <ClientView />}
      </main>
    </>
  );
}

const root = document.getElementById("app");
if (root) {
  root.textContent = "";
  render(<App />, root);
}
