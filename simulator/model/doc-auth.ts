// §3 of the rules document: authentication (tokens, HTTP Basic, listener
// credentials) and tenancy. The same for every profile; paths and defaults come
// from the server's facts.
import type { ServerFacts } from "./doc-facts.ts";
import { heading } from "./doc-intro.ts";
import { blocks, code, words } from "./doc-text.ts";

export function authSection(facts: ServerFacts): string {
  const modes = words(facts.authModes.map(code), "or");
  return blocks(
    heading(3),
    "Every API method needs credentials (seed: the document requires an access token for every method, and lists HTTPS and basic HTTP authentication as its security). Missing, wrong or expired credentials are 401, with the Error body and one `WWW-Authenticate` challenge per scheme the server accepts.",
    [
      "**Access tokens** (**chosen** shape: the document names a separate authorization call but does not describe it; this is OAuth2's client-credentials grant):",
      "",
      `- \`POST ${facts.tokenPath}\`, at the server's root and outside \`{base}\`, with the operator's user name and password as HTTP Basic and the form body \`grant_type=client_credentials\` (a JSON body is accepted too).`,
      `- The answer is 200 \`{"access_token": "...", "token_type": "Bearer", "expires_in": ${facts.tokenTtlSeconds}}\` with \`Cache-Control: no-store\`; the token is valid for \`expires_in\` seconds (the simulator's default; \`--token-ttl\` changes it).`,
      "- API calls then carry `Authorization: Bearer <access_token>`.",
      "- Wrong client credentials are 401; another grant type, or a form parameter given twice, is 400.",
    ].join("\n"),
    `**HTTP Basic** (seed, with a **chosen** switch): API calls may carry the operator's user name and password as plain HTTP Basic instead of a token, when the server accepts it. The simulator's \`--auth\` is ${modes}: tokens only, Basic only, or both (its default is ${code(facts.defaultAuthMode)}).`,
    "**Listener credentials** (**chosen**): an operator that wants Nexera to authenticate when it delivers events puts a user name and password in the userinfo of its hub callback, `https://user:secret@host/path`. Nexera sends them as HTTP Basic, never in the URL it calls, and masks the password wherever it lists registrations. This keeps TMF's hub body, `{callback, query}`, unchanged.",
    [
      "**Tenancy** (**chosen**: the document serves many operators without saying how they are kept apart):",
      "",
      "- Each ticket and each hub registration belongs to the operator whose credentials created it; the user name is the tenant.",
      "- An operator lists, reads, changes and deletes only its own. Another operator's ticket or registration is answered 404, exactly like one that does not exist, so its existence does not leak; it never appears in a list or its counts.",
      "- The events of a ticket reach only its own operator's registrations (§6).",
      "- Nexera's side, the simulator's control interface (§8), sees every operator's tickets.",
    ].join("\n"),
  );
}
