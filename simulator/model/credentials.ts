// The one user:password pair of the project: an operator's client credentials (HTTP
// Basic and OAuth2 client credentials), and a listener's Basic credentials. Plain data.

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** JSON Schema patterns of the pair: "user:password" (what parseCredentials takes) and a user name alone. */
export const CREDENTIALS_PATTERN = "^[^:]+:";
export const USER_PATTERN = "^[^:]+$";

/** "user:password" (the password may itself hold colons); throws a message naming the expected form. */
export function parseCredentials(text: string): Credentials {
  const colon = text.indexOf(":");
  if (colon <= 0) throw new Error(`credentials must look like user:password, got ${JSON.stringify(mask(text))}`);
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** The value of an Authorization header for HTTP Basic. */
export function basicHeader(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.user}:${c.password}`, "utf8").toString("base64")}`;
}

/** "user:***": how credentials are shown anywhere a person or a report can read them. */
export function masked(c: Credentials): string {
  return `${c.user}:***`;
}

function mask(text: string): string {
  const colon = text.indexOf(":");
  return colon < 0 ? text : `${text.slice(0, colon)}:***`;
}
