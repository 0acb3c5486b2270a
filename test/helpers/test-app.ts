import { type App, createApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { type Clock, systemClock } from "../../src/shared/clock.ts";
import { createLogger } from "../../src/shared/logger.ts";
import { createPostgresDatabaseUrl, createTestDatabase } from "./database.ts";

/**
 * The real app (real HTTP stack through `inject`, real database) for a test
 * file. Only the clock may be replaced. E-mail goes to the outbox unless an
 * SMTP server (test/helpers/smtp-sink.ts) is given; the job runner is off
 * unless asked for.
 */
export async function createTestApp(options: { clock?: Clock; smtpUrl?: string; jobs?: boolean } = {}): Promise<App> {
  const config = loadConfig({
    TRUSTLEDGER_DEMO: "0",
    TRUSTLEDGER_SECRET: "test-secret-that-is-long-enough-for-hmac-1234",
    TRUSTLEDGER_BASE_URL: "http://127.0.0.1:3000",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    TRUSTLEDGER_JOBS: options.jobs ? "1" : "0",
    TRUSTLEDGER_SMTP_URL: options.smtpUrl ?? "",
  });
  const database = await createTestDatabase();
  const app = await createApp(config, {
    database,
    clock: options.clock ?? systemClock,
    logger: createLogger(config.logLevel),
  });
  return app;
}

export type Session = {
  cookie: string;
  me: { id: string; email: string; name: string; organizationId: string; organizationName: string; role: string };
};

let counter = 0;
/** A unique e-mail address per call, so tests never collide. */
export const uniqueEmail = (prefix = "user") => `${prefix}.${process.pid}.${Date.now()}.${counter++}@example.test`;

export function cookieFrom(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((c) => c.split(";")[0]).join("; ");
}

/**
 * Signs up a new user with a new organization, signs them in (sign-up itself
 * hands out no session) and returns their session cookie. The owner confirms
 * their e-mail address the way a person does: the link is read from the
 * confirmation e-mail in the queue and followed through the real route, so the
 * organization may send e-mail. `verified: false` leaves the address unconfirmed.
 */
export async function signup(
  app: App,
  input: Partial<{
    email: string;
    password: string;
    name: string;
    organizationName: string;
    verified: boolean;
    /** The address the sign-up comes from (sign-ups are throttled per address). */
    remoteAddress: string;
  }> = {},
): Promise<Session> {
  const body = {
    email: input.email ?? uniqueEmail(),
    password: input.password ?? "correct horse battery",
    name: input.name ?? "Test User",
    organizationName: input.organizationName ?? "Test Firm",
  };
  const from = input.remoteAddress ? { remoteAddress: input.remoteAddress } : {};
  const response = await app.server.inject({ method: "POST", url: "/api/v1/signup", payload: body, ...from });
  if (response.statusCode !== 202) throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
  const signedIn = await app.server.inject({
    method: "POST",
    url: "/api/v1/session",
    payload: { email: body.email, password: body.password },
    ...from,
  });
  if (signedIn.statusCode !== 200) throw new Error(`sign-in after signup failed: ${signedIn.statusCode} ${signedIn.body}`);
  const session: Session = { cookie: cookieFrom(signedIn.headers["set-cookie"]), me: signedIn.json() };
  if (input.verified !== false) await confirmEmail(app, session.me.organizationId, input.remoteAddress);
  return session;
}

/** The token in the newest confirmation e-mail queued for an organization. */
export async function verificationToken(app: App, orgId: string): Promise<string> {
  const mail = await app.database.db
    .selectFrom("deliveries")
    .select("body_text")
    .where("org_id", "=", orgId)
    .where("kind", "=", "auth.verify_email")
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  const link = /https?:\/\/\S+\/verify-email\?token=(\S+)/.exec(mail?.body_text ?? "");
  if (!link?.[1]) throw new Error("no confirmation e-mail was queued");
  return decodeURIComponent(link[1]);
}

/** Follows the link of the confirmation e-mail, as its recipient would. */
export async function confirmEmail(app: App, orgId: string, remoteAddress?: string): Promise<void> {
  const token = await verificationToken(app, orgId);
  const verified = await app.server.inject({
    method: "POST",
    url: "/api/v1/verify-email",
    payload: { token },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  if (verified.statusCode !== 200) throw new Error(`e-mail confirmation failed: ${verified.statusCode} ${verified.body}`);
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** A tiny client bound to one session: `as(session).post("/api/v1/clients", body)`. */
export function as(app: App, session: Session | { token: string }, language = "en") {
  const headers: Record<string, string> = { "accept-language": language };
  if ("cookie" in session) headers.cookie = session.cookie;
  else headers.authorization = `Bearer ${session.token}`;
  const call = (method: Method, url: string, payload?: unknown) =>
    app.server.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    get: (url: string) => call("GET", url),
    post: (url: string, payload?: unknown) => call("POST", url, payload ?? {}),
    patch: (url: string, payload: unknown) => call("PATCH", url, payload),
    put: (url: string, payload: unknown) => call("PUT", url, payload),
    delete: (url: string) => call("DELETE", url),
  };
}

/**
 * Two app instances on one new PostgreSQL database, as two servers behind a
 * load balancer (job runners off: tests drive the sweep). Started one after
 * the other, since both migrate on start; closed (and the database dropped)
 * by the given cleanup list.
 */
export async function startTwoInstances(
  cleanups: (() => Promise<void> | void)[],
  options: { clock?: Clock; smtpUrl?: string } = {},
): Promise<[App, App]> {
  const config = loadConfig({
    DATABASE_URL: await createPostgresDatabaseUrl(cleanups),
    TRUSTLEDGER_DEMO: "0",
    TRUSTLEDGER_SECRET: "test-secret-that-is-long-enough-for-hmac-1234",
    TRUSTLEDGER_BASE_URL: "http://127.0.0.1:3000",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    TRUSTLEDGER_JOBS: "0",
    TRUSTLEDGER_SMTP_URL: options.smtpUrl ?? "",
  });
  const clock = options.clock ?? systemClock;
  const one = await createApp(config, { clock });
  cleanups.push(() => one.close());
  const two = await createApp(config, { clock });
  cleanups.push(() => two.close());
  return [one, two];
}
