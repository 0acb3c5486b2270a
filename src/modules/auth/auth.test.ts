import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { as, cookieFrom, createTestApp, type Session, signup, uniqueEmail } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { AppError } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { createAuth } from "./auth.ts";
import { createUser } from "./auth.usecases.ts";

/** Real time plus an offset the tests can move forward (the session cache reads this clock). */
let offsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

let app: App;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  app = await createTestApp({ clock });
});
afterAll(() => app.close());

let ipCounter = 1;
/** Sign-ins are rate limited per address: each test signs in from its own address unless it says otherwise. */
const freshIp = () => `10.1.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`;

function signin(email: string, password: string, options: { ip?: string; language?: string } = {}) {
  return app.server.inject({
    method: "POST",
    url: "/api/v1/session",
    remoteAddress: options.ip ?? freshIp(),
    headers: { "accept-language": options.language ?? "en" },
    payload: { email, password },
  });
}

const me = (cookie: string) => app.server.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });

const count = async (table: "user" | "organization" | "member" | "session") =>
  Number(
    (
      await app.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const usersWithEmail = async (email: string) =>
  (await app.database.db.selectFrom("user").select("id").where("email", "=", email).execute()).length;

function setCookies(response: { headers: Record<string, unknown> }): string[] {
  const value = response.headers["set-cookie"];
  return Array.isArray(value) ? value.map(String) : value ? [String(value)] : [];
}

const sessionTokenOf = (cookie: string) => decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] ?? "";

describe("sign-up", () => {
  it("creates the user and their organization and answers 202 without a session; the password then signs in as its admin", async () => {
    const email = uniqueEmail("signup");
    const response = await app.server.inject({
      method: "POST",
      url: "/api/v1/signup",
      remoteAddress: freshIp(),
      payload: { email: email.toUpperCase(), password: PASSWORD, name: "  Sanne de Wit ", organizationName: "De Wit Advies" },
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: "accepted", message: expect.stringContaining("Sign in with this e-mail address") });
    expect(response.headers["set-cookie"]).toBeUndefined();
    const sessions = await app.database.db
      .selectFrom("session")
      .innerJoin("user", "user.id", "session.userId")
      .select("session.id")
      .where("user.email", "=", email)
      .execute();
    expect(sessions).toEqual([]);

    const signedIn = await signin(email, PASSWORD);
    expect(signedIn.statusCode).toBe(200);
    const body = signedIn.json();
    expect(body).toEqual({
      id: expect.any(String),
      email,
      name: "Sanne de Wit",
      organizationId: expect.any(String),
      organizationName: "De Wit Advies",
      role: "admin",
    });
    const session = setCookies(signedIn).find((c) => c.startsWith("trustledger.session_token="));
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(session).toMatch(/;\s*Path=\//i);
    expect((await me(cookieFrom(signedIn.headers["set-cookie"]))).json()).toEqual(body);
  });

  it("answers an address that has an account exactly like a new one, changes nothing, and e-mails its owner (once a day)", async () => {
    const first = await signup(app, { email: uniqueEmail("taken") });
    const attempts = async (email: string) => {
      const answers = [];
      for (const language of ["en", "nl"] as const) {
        answers.push(
          await app.server.inject({
            method: "POST",
            url: "/api/v1/signup",
            remoteAddress: freshIp(),
            headers: { "accept-language": language },
            payload: { email, password: "another password", name: "Someone Else", organizationName: "Other" },
          }),
        );
      }
      return answers;
    };
    const before = { users: await count("user"), organizations: await count("organization"), members: await count("member") };
    const taken = await attempts(` ${first.me.email.toUpperCase()} `);
    expect({ users: await count("user"), organizations: await count("organization"), members: await count("member") }).toEqual(before);
    const fresh = await attempts(uniqueEmail("fresh"));
    for (const [index, answer] of taken.entries()) {
      const other = fresh[index];
      if (!other) throw new Error("an answer for the new address");
      expect(answer.statusCode).toBe(202);
      expect(answer.statusCode).toBe(other.statusCode);
      expect(answer.json()).toEqual(other.json());
      expect(answer.headers["set-cookie"]).toBeUndefined();
      expect(Object.keys(answer.headers).sort()).toEqual(Object.keys(other.headers).sort());
    }
    expect(taken[1]?.json().message).toContain("Meld u aan met dit e-mailadres");
    // The original account keeps its own password; the one typed at sign-up does nothing.
    expect((await signin(first.me.email, PASSWORD)).statusCode).toBe(200);
    expect((await signin(first.me.email, "another password")).statusCode).toBe(401);
    // Its owner hears of it, once however often it is tried that day, through their organization's outbox.
    const mails = await app.database.db
      .selectFrom("deliveries")
      .select(["to_address", "kind", "subject", "body_text", "org_id"])
      .where("to_address", "=", first.me.email)
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "signup_attempt", org_id: first.me.organizationId });
    expect(mails[0]?.body_text).toContain("http://127.0.0.1:3000/signin");
  });

  it.each([
    ["a 10,000-character organization name", { organizationName: "x".repeat(10_000) }, "organizationName"],
    ["a blank organization name", { organizationName: "   " }, "organizationName"],
    ["a 7-character password", { password: "1234567" }, "password"],
    ["a 129-character password", { password: "p".repeat(129) }, "password"],
    ["an invalid e-mail address", { email: "not-an-address" }, "email"],
    ["a blank name", { name: "" }, "name"],
  ])("refuses %s before any user is created", async (_label, override, field) => {
    const email = uniqueEmail("invalid");
    const before = await count("user");
    const response = await app.server.inject({
      method: "POST",
      url: "/api/v1/signup",
      remoteAddress: freshIp(),
      headers: { "accept-language": "nl" },
      payload: { email, password: PASSWORD, name: "Valid Name", organizationName: "Valid Firm", ...override },
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe("request.validation_failed");
    expect(error.message).toContain("Sommige velden ontbreken of zijn ongeldig");
    expect(error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await usersWithEmail(email)).toBe(0);
    expect(await count("user")).toBe(before);
  });

  it("removes the new user again when creating the organization fails (500, no user, no session, address free again)", async () => {
    const email = uniqueEmail("org-fails");
    await app.database.executeSql(`
      create function refuse_doomed_organization() returns trigger language plpgsql as $$
      begin
        if new.name = 'Gedoemd Kantoor' then raise exception 'organization refused for this test'; end if;
        return new;
      end $$;
      create trigger refuse_doomed_organization before insert on "organization"
        for each row execute function refuse_doomed_organization();
    `);
    try {
      const before = { users: await count("user"), sessions: await count("session"), organizations: await count("organization") };
      const response = await app.server.inject({
        method: "POST",
        url: "/api/v1/signup",
        remoteAddress: freshIp(),
        headers: { "accept-language": "nl" },
        payload: { email, password: PASSWORD, name: "Pech Gehad", organizationName: "Gedoemd Kantoor" },
      });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({
        error: { code: "internal", message: "Er ging aan onze kant iets mis. Het is vastgelegd; probeer het opnieuw." },
      });
      expect(response.body).not.toContain("organization refused");
      expect(response.headers["set-cookie"]).toBeUndefined();
      expect(await usersWithEmail(email)).toBe(0);
      expect({ users: await count("user"), sessions: await count("session"), organizations: await count("organization") }).toEqual(before);
    } finally {
      await app.database.executeSql(
        `drop trigger refuse_doomed_organization on "organization"; drop function refuse_doomed_organization();`,
      );
    }
    const again = await app.server.inject({
      method: "POST",
      url: "/api/v1/signup",
      remoteAddress: freshIp(),
      payload: { email, password: PASSWORD, name: "Pech Gehad", organizationName: "Gedoemd Kantoor" },
    });
    expect(again.statusCode).toBe(202);
    expect((await signin(email, PASSWORD)).statusCode).toBe(200);
  });

  it.each(["12345678", "password", "Password", "wachtwoord", "qwertyuiop", "iloveyou!", "zzzzzzzzzz"])(
    "refuses the common or breached password %j with a translated 400 naming the field, before anything is created",
    async (password) => {
      const email = uniqueEmail("common");
      const before = await count("user");
      for (const [language, text] of [
        ["en", "This password is too common or has appeared in data breaches."],
        ["nl", "Dit wachtwoord is te gewoon of komt voor in gelekte gegevens."],
      ] as const) {
        const response = await app.server.inject({
          method: "POST",
          url: "/api/v1/signup",
          remoteAddress: freshIp(),
          headers: { "accept-language": language },
          payload: { email, password, name: "Zwak Wachtwoord", organizationName: "Zwak BV" },
        });
        expect(response.statusCode).toBe(400);
        const error = response.json().error;
        expect(error).toMatchObject({ code: "auth.common_password", message: expect.stringContaining(text) });
        expect(error.details.fields).toEqual([{ path: "password", code: "common_password", message: expect.any(String) }]);
        expect(error.details.fields[0].message).not.toBe(error.message);
      }
      expect(await usersWithEmail(email)).toBe(0);
      expect(await count("user")).toBe(before);
    },
  );

  it("refuses the account's own e-mail address as its password", async () => {
    const email = uniqueEmail("self");
    const response = await app.server.inject({
      method: "POST",
      url: "/api/v1/signup",
      remoteAddress: freshIp(),
      payload: { email, password: email, name: "Eigen Adres", organizationName: "Adres BV" },
    });
    expect(response.json().error.code).toBe("auth.common_password");
  });

  it("refuses unknown fields in the sign-up body (no role or organization id smuggled in)", async () => {
    const email = uniqueEmail("smuggle");
    const response = await app.server.inject({
      method: "POST",
      url: "/api/v1/signup",
      remoteAddress: freshIp(),
      payload: { email, password: PASSWORD, name: "Mallory", organizationName: "Firm", role: "admin", emailVerified: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("request.unknown_field");
    expect(await usersWithEmail(email)).toBe(0);
  });
});

describe("sign-in and sign-out", () => {
  let user: Session;
  beforeAll(async () => {
    user = await signup(app, { email: uniqueEmail("signin"), name: "Pieter van Dijk", organizationName: "Van Dijk" });
  });

  it("signs in with the right password: 200, a new HttpOnly cookie, and the same identity", async () => {
    const response = await signin(user.me.email.toUpperCase(), PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(user.me);
    const session = setCookies(response).find((c) => c.startsWith("trustledger.session_token="));
    expect(session).toMatch(/HttpOnly/i);
    const cookie = cookieFrom(response.headers["set-cookie"]);
    expect(cookie).not.toBe(user.cookie);
    expect((await me(cookie)).json()).toEqual(user.me);
  });

  it.each([
    ["en", "The e-mail address or password is incorrect."],
    ["nl", "Het e-mailadres of wachtwoord is onjuist."],
    ["nl-NL,nl;q=0.9,en;q=0.8", "Het e-mailadres of wachtwoord is onjuist."],
  ])("refuses a wrong password with 401 in %s, and an unknown address with exactly the same answer", async (language, message) => {
    const before = await count("session");
    const wrong = await signin(user.me.email, "not the password", { language });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: "auth.invalid_credentials", message } });
    expect(wrong.headers["set-cookie"]).toBeUndefined();
    const unknown = await signin(uniqueEmail("nobody"), "not the password", { language });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(await count("session")).toBe(before);
  });

  it("refuses a sign-in body with the wrong shape with 400, not 401 or 500", async () => {
    for (const payload of [{}, { email: user.me.email }, { email: user.me.email, password: "" }, { email: 42, password: PASSWORD }]) {
      const response = await app.server.inject({ method: "POST", url: "/api/v1/session", remoteAddress: freshIp(), payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe("request.validation_failed");
    }
  });

  it("signs out: 204, the cookie is cleared, the session is gone and the old cookie no longer works", async () => {
    const cookie = cookieFrom((await signin(user.me.email, PASSWORD)).headers["set-cookie"]);
    expect((await me(cookie)).statusCode).toBe(200);
    const out = await app.server.inject({ method: "DELETE", url: "/api/v1/session", headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const cleared = setCookies(out).find((c) => c.startsWith("trustledger.session_token="));
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    const token = sessionTokenOf(cookie);
    expect(await app.database.db.selectFrom("session").select("id").where("token", "=", token).executeTakeFirst()).toBeUndefined();
    const after = await app.server.inject({ method: "GET", url: "/api/v1/me", headers: { cookie, "accept-language": "nl" } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toEqual({ code: "auth.unauthenticated", message: "Log eerst in." });
    // Other sessions of the same user are not affected.
    expect((await me(user.cookie)).statusCode).toBe(200);
  });

  it("signing out without a session is harmless", async () => {
    const response = await app.server.inject({ method: "DELETE", url: "/api/v1/session" });
    expect(response.statusCode).toBe(204);
  });

  it("refuses a session whose expiry has passed (set in the database) with 401", async () => {
    const cookie = cookieFrom((await signin(user.me.email, PASSWORD)).headers["set-cookie"]);
    await app.database.db
      .updateTable("session")
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where("token", "=", sessionTokenOf(cookie))
      .execute();
    const response = await app.server.inject({ method: "GET", url: "/api/v1/me", headers: { cookie, "accept-language": "en" } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toEqual({ code: "auth.unauthenticated", message: "Please sign in first." });
    expect((await as(app, { cookie, me: user.me }).get("/api/v1/clients")).statusCode).toBe(401);
  });

  it("stops accepting a session that expired after it was last used, at the latest when the session cache lapses", async () => {
    const cookie = cookieFrom((await signin(user.me.email, PASSWORD)).headers["set-cookie"]);
    expect((await me(cookie)).statusCode).toBe(200);
    await app.database.db
      .updateTable("session")
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where("token", "=", sessionTokenOf(cookie))
      .execute();
    offsetMs += 61_000; // beyond the longest cache lifetime the configuration allows (60 s)
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it("extends a session that is getting old and sends the cookie again", async () => {
    const cookie = cookieFrom((await signin(user.me.email, PASSWORD)).headers["set-cookie"]);
    const token = sessionTokenOf(cookie);
    const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    await app.database.db.updateTable("session").set({ expiresAt: soon }).where("token", "=", token).execute();
    const response = await me(cookie);
    expect(response.statusCode).toBe(200);
    expect(setCookies(response).some((c) => c.startsWith("trustledger.session_token="))).toBe(true);
    const row = await app.database.db.selectFrom("session").select("expiresAt").where("token", "=", token).executeTakeFirstOrThrow();
    expect(new Date(row.expiresAt).getTime()).toBeGreaterThan(Date.now() + 13 * 24 * 3600 * 1000);
  });

  it("refuses a forged or garbled session cookie with 401", async () => {
    const token = sessionTokenOf(user.cookie);
    for (const cookie of [
      `trustledger.session_token=${encodeURIComponent(`${token}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`)}`,
      `trustledger.session_token=${token}`,
      "trustledger.session_token=%E0%A4%A",
      "trustledger.session_token=",
      "something=else",
    ]) {
      const response = await me(cookie);
      expect(response.statusCode, cookie).toBe(401);
      expect(response.json().error.code).toBe("auth.unauthenticated");
    }
  });

  it("refuses a user who no longer belongs to any organization: sign-in 403, no session left behind", async () => {
    const loner = await signup(app, { email: uniqueEmail("loner") });
    await app.database.db.deleteFrom("member").where("userId", "=", loner.me.id).execute();
    const sessionsBefore = await app.database.db.selectFrom("session").select("id").where("userId", "=", loner.me.id).execute();
    const response = await signin(loner.me.email, PASSWORD, { language: "nl" });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toEqual({ code: "auth.no_organization", message: "Uw account hoort niet bij een organisatie." });
    expect(response.headers["set-cookie"]).toBeUndefined();
    const sessionsAfter = await app.database.db.selectFrom("session").select("id").where("userId", "=", loner.me.id).execute();
    expect(sessionsAfter).toEqual(sessionsBefore);
  });
});

describe("sign-in rate limit", () => {
  it("answers the 11th attempt within the window with 429, a translated message and Retry-After", async () => {
    const target = await signup(app, { email: uniqueEmail("limited") });
    const ip = freshIp();
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await signin(target.me.email, "wrong password", { ip });
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
    }
    for (const [language, text] of [
      ["nl", /^Te veel pogingen\. Probeer het over (\d+) seconden opnieuw\.$/],
      ["en", /^Too many attempts\. Try again in (\d+) seconds\.$/],
    ] as const) {
      const limited = await signin(target.me.email, PASSWORD, { ip, language });
      expect(limited.statusCode).toBe(429);
      const error = limited.json().error;
      expect(error.code).toBe("request.rate_limited");
      expect(error.message).toMatch(text);
      const seconds = Number(text.exec(error.message)?.[1]);
      expect(Number(limited.headers["retry-after"])).toBe(seconds);
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(15 * 60);
      expect(limited.headers["set-cookie"]).toBeUndefined();
    }
    // Another address is not held back by this one.
    expect((await signin(target.me.email, PASSWORD, { ip: freshIp() })).statusCode).toBe(200);
  });
});

describe("sign-in rate limit key", () => {
  it("counts attempts per address AND e-mail: a colleague behind the same address can still sign in", async () => {
    const target = await signup(app, { email: uniqueEmail("victim") });
    const colleague = await signup(app, { email: uniqueEmail("colleague") });
    const ip = freshIp();
    for (let attempt = 1; attempt <= 10; attempt++) expect((await signin(target.me.email, "wrong password", { ip })).statusCode).toBe(401);
    expect((await signin(target.me.email, PASSWORD, { ip })).statusCode).toBe(429);
    expect((await signin(colleague.me.email, PASSWORD, { ip })).statusCode).toBe(200);
  });
});

describe("better-auth's own input check", () => {
  it("is our 400 request.validation_failed naming the field, not better-auth's error (the CLI calls it directly)", async () => {
    const deps = { db: app.database.db, clock: app.clock, auth: app.auth };
    const refused = await createUser(deps, { email: "not-an-email", name: "X", password: PASSWORD }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "request.validation_failed", status: 400, params: { fields: "email" } });
    expect(await usersWithEmail("not-an-email")).toBe(0);
  });
});

describe("better-auth's log messages", () => {
  it("never go to the console: a wrong password at LOG_LEVEL silent prints nothing", async () => {
    const account = await signup(app, { email: uniqueEmail("quiet") });
    const consoleSpies = ["log", "info", "warn", "error", "debug"].map((method) =>
      vi.spyOn(console, method as "log").mockImplementation(() => {}),
    );
    try {
      expect((await signin(account.me.email, "wrong password")).statusCode).toBe(401);
      for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of consoleSpies) spy.mockRestore();
    }
  });

  it("go through our logger, at their own level", async () => {
    const account = await signup(app, { email: uniqueEmail("logged") });
    const lines: { level: number; msg: string; source?: string }[] = [];
    const memory = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const auth = createAuth({
      db: app.database.db,
      secret: "test-secret-that-is-long-enough-for-hmac-1234",
      baseUrl: "http://127.0.0.1:3000",
      logger: pino({ level: "warn" }, memory),
    });
    await expect(auth.api.signInEmail({ body: { email: account.me.email, password: "wrong password" } })).rejects.toThrow();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, msg: expect.stringMatching(/invalid password/i), source: "better-auth" }),
    );
  });
});
