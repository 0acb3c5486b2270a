import type { App } from "../../src/app.ts";
import { cookieFrom, type Session, uniqueEmail } from "./test-app.ts";

export type Role = "admin" | "lead" | "advisor" | "frontdesk";

let ipCounter = 0;
/** Accepting invitations is rate limited per address; each call comes from its own. */
const nextIp = () => `10.77.${Math.floor(ipCounter / 250) % 250}.${ipCounter++ % 250}`;

/**
 * Adds a new person to the admin's organization the way people really join:
 * the admin invites them, they accept with a new account. Returns their session.
 */
export async function addMember(
  app: App,
  admin: Session,
  role: Role,
  input: Partial<{ email: string; name: string; password: string }> = {},
): Promise<Session> {
  const email = input.email ?? uniqueEmail(role);
  const invited = await app.server.inject({
    method: "POST",
    url: "/api/v1/invitations",
    headers: { cookie: admin.cookie },
    payload: { email, role },
  });
  if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.statusCode} ${invited.body}`);
  const accepted = await app.server.inject({
    method: "POST",
    url: `/api/v1/invitations/${invited.json().id}/accept`,
    remoteAddress: nextIp(),
    payload: { name: input.name ?? `Test ${role}`, password: input.password ?? "correct horse battery" },
  });
  if (accepted.statusCode !== 201) throw new Error(`accepting failed: ${accepted.statusCode} ${accepted.body}`);
  return { cookie: cookieFrom(accepted.headers["set-cookie"]), me: accepted.json() };
}
