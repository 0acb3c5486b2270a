import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { as, cookieFrom, createTestApp, type Session, signup, uniqueEmail } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import type { Clock } from "../../shared/clock.ts";

/** Real time plus an offset the tests can move forward (the session cache and invitations read this clock). */
let offsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

let app: App;
let admin: Session;
let lead: Session;
let advisor: Session;
let frontdesk: Session;

let ip = 0;
const nextIp = () => `10.5.${Math.floor(ip / 250)}.${ip++ % 250}`;

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Sanne de Wit", organizationName: "De Wit Advies" });
  lead = await addMember(app, admin, "lead", { name: "Pieter van Dijk" });
  advisor = await addMember(app, admin, "advisor", { name: "Anna de Vries" });
  frontdesk = await addMember(app, admin, "frontdesk", { name: "Fatima El Amrani" });
});
afterAll(() => app.close());

type Member = {
  id: string;
  name: string;
  email: string;
  role: string;
  teams: { id: string; name: string }[];
  expertise: string[];
  joinedAt: string;
};
const members = async (session: Session = admin): Promise<Member[]> => (await as(app, session).get("/api/v1/members")).json().items;
const memberOf = async (id: string) => (await members()).find((m) => m.id === id);

function accept(id: string, body: object, language = "en") {
  return app.server.inject({
    method: "POST",
    url: `/api/v1/invitations/${id}/accept`,
    remoteAddress: nextIp(),
    headers: { "accept-language": language },
    payload: body,
  });
}

describe("members", () => {
  it("lists every member with role, teams and expertise, in name order, to every role", async () => {
    const api = as(app, admin);
    const team = (await api.post("/api/v1/teams", { name: "Belastingadvies" })).json();
    const other = (await api.post("/api/v1/teams", { name: "Accountancy" })).json();
    await api.put(`/api/v1/teams/${team.id}/members`, { userIds: [advisor.me.id, lead.me.id] });
    await api.put(`/api/v1/teams/${other.id}/members`, { userIds: [advisor.me.id] });
    await as(app, advisor).put(`/api/v1/members/${advisor.me.id}/expertise`, { topics: ["Loonheffingen", "btw"] });

    for (const session of [admin, lead, advisor, frontdesk]) {
      const list = await members(session);
      expect(list.map((m) => m.name)).toEqual([...list.map((m) => m.name)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
      expect(list.map((m) => [m.id, m.role]).sort()).toEqual(
        [
          [admin.me.id, "admin"],
          [lead.me.id, "lead"],
          [advisor.me.id, "advisor"],
          [frontdesk.me.id, "frontdesk"],
        ].sort(),
      );
    }
    const anna = await memberOf(advisor.me.id);
    expect(anna).toEqual({
      id: advisor.me.id,
      name: "Anna de Vries",
      email: advisor.me.email,
      role: "advisor",
      teams: [
        { id: other.id, name: "Accountancy" },
        { id: team.id, name: "Belastingadvies" },
      ],
      expertise: ["btw", "Loonheffingen"],
      joinedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await memberOf(frontdesk.me.id))?.teams).toEqual([]);
    expect((await memberOf(frontdesk.me.id))?.expertise).toEqual([]);
  });

  it("lets an admin change a role; the new role is what the member then has", async () => {
    const person = await addMember(app, admin, "advisor");
    const changed = await as(app, admin).patch(`/api/v1/members/${person.me.id}`, { role: "lead" });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: person.me.id, role: "lead" });
    expect((await memberOf(person.me.id))?.role).toBe("lead");
    // A new session sees the new role at once.
    const signedIn = await app.server.inject({
      method: "POST",
      url: "/api/v1/session",
      remoteAddress: nextIp(),
      payload: { email: person.me.email, password: "correct horse battery" },
    });
    expect(signedIn.json().role).toBe("lead");
  });

  it.each([
    ["lead", () => lead],
    ["advisor", () => advisor],
    ["frontdesk", () => frontdesk],
  ])("refuses a role change by a %s with 403, in nl and en", async (_role, who) => {
    for (const [language, message] of [
      ["nl", "Uw rol staat dit niet toe."],
      ["en", "Your role does not allow this."],
    ] as const) {
      const response = await as(app, who(), language).patch(`/api/v1/members/${who().me.id}`, { role: "admin" });
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toEqual({ code: "auth.forbidden", message });
    }
    expect((await memberOf(who().me.id))?.role).toBe(_role);
  });

  it("refuses an unknown role with 400 and a member of nobody with 404", async () => {
    expectError(
      await as(app, admin, "nl").patch(`/api/v1/members/${advisor.me.id}`, { role: "owner" }),
      400,
      "request.validation_failed",
      "nl",
    );
    expectError(await as(app, admin).patch("/api/v1/members/nobody", { role: "lead" }), 404, "members.not_found", "en");
    expect((await memberOf(advisor.me.id))?.role).toBe("advisor");
  });

  it("never demotes the last admin (409 members.last_admin), but does when another admin remains", async () => {
    const solo = await signup(app, { organizationName: "Eenmanszaak" });
    for (const role of ["lead", "advisor", "frontdesk"] as const) {
      expectError(await as(app, solo, "nl").patch(`/api/v1/members/${solo.me.id}`, { role }), 409, "members.last_admin", "nl");
    }
    expect((await as(app, solo).get("/api/v1/me")).json().role).toBe("admin");
    // "admin" to "admin" is no demotion.
    expect((await as(app, solo).patch(`/api/v1/members/${solo.me.id}`, { role: "admin" })).statusCode).toBe(200);

    const second = await addMember(app, solo, "admin");
    const demoted = await as(app, solo).patch(`/api/v1/members/${solo.me.id}`, { role: "advisor" });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json().role).toBe("advisor");
    // Now `second` is the last admin.
    expectError(await as(app, second).patch(`/api/v1/members/${second.me.id}`, { role: "lead" }), 409, "members.last_admin", "en");
    const roles = (await members(second)).map((m) => m.role);
    expect(roles.filter((r) => r === "admin")).toHaveLength(1);
  });

  it("takes a demoted admin's rights away, at the latest when the session cache lapses", async () => {
    const firm = await signup(app, { organizationName: "Twee Beheerders" });
    const other = await addMember(app, firm, "admin");
    expect((await as(app, other).get("/api/v1/invitations")).statusCode).toBe(200);
    expect((await as(app, firm).patch(`/api/v1/members/${other.me.id}`, { role: "advisor" })).statusCode).toBe(200);
    offsetMs += 61_000; // longer than the longest session cache the configuration allows
    expectError(await as(app, other).get("/api/v1/invitations"), 403, "auth.forbidden", "en");
    expect((await as(app, other).get("/api/v1/me")).json().role).toBe("advisor");
  });
});

describe("expertise", () => {
  it("is set by the member themself, replacing the whole list, without duplicates", async () => {
    const api = as(app, lead);
    const first = await api.put(`/api/v1/members/${lead.me.id}/expertise`, {
      topics: ["Vennootschapsbelasting", "  holdings  ", "TAX", "tax"],
    });
    expect(first.statusCode).toBe(200);
    expect(
      first
        .json()
        .expertise.map((t: string) => t.toLowerCase())
        .sort(),
    ).toEqual(["holdings", "tax", "vennootschapsbelasting"]);
    expect(first.json().expertise).toContain("holdings");
    const second = await api.put(`/api/v1/members/${lead.me.id}/expertise`, { topics: ["Bedrijfsopvolging", "international tax"] });
    expect(second.json().expertise).toEqual(["Bedrijfsopvolging", "international tax"]);
    expect((await memberOf(lead.me.id))?.expertise).toEqual(["Bedrijfsopvolging", "international tax"]);
  });

  it("may be set by an admin for someone else, not by another non-admin (403, nothing changed)", async () => {
    expect((await as(app, admin).put(`/api/v1/members/${frontdesk.me.id}/expertise`, { topics: ["afspraken plannen"] })).statusCode).toBe(
      200,
    );
    for (const other of [advisor, lead, frontdesk]) {
      const target = other === advisor ? frontdesk : advisor;
      const before = (await memberOf(target.me.id))?.expertise;
      expectError(
        await as(app, other, "nl").put(`/api/v1/members/${target.me.id}/expertise`, { topics: ["gekaapt"] }),
        403,
        "auth.forbidden",
        "nl",
      );
      expect((await memberOf(target.me.id))?.expertise).toEqual(before);
    }
    expect((await memberOf(frontdesk.me.id))?.expertise).toEqual(["afspraken plannen"]);
  });

  it("refuses too many or too long topics with 400", async () => {
    const api = as(app, advisor);
    expectError(
      await api.put(`/api/v1/members/${advisor.me.id}/expertise`, { topics: Array.from({ length: 51 }, (_, i) => `onderwerp ${i}`) }),
      400,
      "request.validation_failed",
      "en",
    );
    expectError(
      await api.put(`/api/v1/members/${advisor.me.id}/expertise`, { topics: ["x".repeat(81)] }),
      400,
      "request.validation_failed",
      "en",
    );
    expectError(await api.put(`/api/v1/members/${advisor.me.id}/expertise`, { topics: [""] }), 400, "request.validation_failed", "en");
    expect((await memberOf(advisor.me.id))?.expertise).toEqual(["btw", "Loonheffingen"]);
  });

  it("GET /expertise?topic=tax finds the members who know about it, best match first, case-insensitively", async () => {
    const firm = await signup(app, { name: "Zeno Zwart", organizationName: "Expertise BV" });
    const one = await addMember(app, firm, "advisor", { name: "Bram Een" });
    const two = await addMember(app, firm, "lead", { name: "Carla Twee" });
    await as(app, firm).put(`/api/v1/members/${firm.me.id}/expertise`, { topics: ["Payroll TAX"] });
    await as(app, one).put(`/api/v1/members/${one.me.id}/expertise`, { topics: ["subsidies"] });
    await as(app, two).put(`/api/v1/members/${two.me.id}/expertise`, { topics: ["tax treaties", "VAT / tax", "audit"] });

    const found = await as(app, one).get("/api/v1/expertise?topic=tax");
    expect(found.statusCode).toBe(200);
    expect(found.json().items).toEqual([
      { id: two.me.id, name: "Carla Twee", role: "lead", topics: ["tax treaties", "VAT / tax"] },
      { id: firm.me.id, name: "Zeno Zwart", role: "admin", topics: ["Payroll TAX"] },
    ]);
    expect((await as(app, one).get("/api/v1/expertise?topic=SUBSID")).json().items.map((m: { id: string }) => m.id)).toEqual([one.me.id]);
    expect((await as(app, one).get("/api/v1/expertise?topic=%25")).json().items).toEqual([]);
    expect((await as(app, one).get("/api/v1/expertise?topic=nothing-like-it")).json().items).toEqual([]);
    expectError(await as(app, one).get("/api/v1/expertise"), 400, "request.validation_failed", "en");
    expectError(await as(app, one).get("/api/v1/expertise?topic=%20%20"), 400, "request.validation_failed", "en");
  });
});

describe("invitations", () => {
  it("are created by admins only (403 for every other role)", async () => {
    for (const who of [lead, advisor, frontdesk]) {
      expectError(
        await as(app, who, "nl").post("/api/v1/invitations", { email: uniqueEmail("nope"), role: "advisor" }),
        403,
        "auth.forbidden",
        "nl",
      );
      expectError(await as(app, who).get("/api/v1/invitations"), 403, "auth.forbidden", "en");
    }
  });

  it("go from invitation to member: create, describe publicly, accept with a new account (201, cookie, invited role)", async () => {
    const email = uniqueEmail("nieuw.lid");
    const created = await as(app, admin).post("/api/v1/invitations", { email: email.toUpperCase(), role: "lead" });
    expect(created.statusCode).toBe(201);
    const invitation = created.json();
    expect(invitation).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{64}$/),
      email,
      role: "lead",
      status: "pending",
      expiresAt: expect.any(String),
      acceptPath: `/invite/${invitation.id}`,
    });
    // The invitation goes out by e-mail too, in the organization's language, with the accept link.
    const mail = await app.database.db
      .selectFrom("deliveries")
      .select(["to_address", "subject", "body_text", "language", "kind"])
      .where("org_id", "=", admin.me.organizationId)
      .where("dedupe_key", "=", `invitation:${invitation.id}`)
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ to_address: email, kind: "invitation", language: "nl" });
    expect(mail.subject).toContain("De Wit Advies");
    expect(mail.body_text).toContain(`als teamleider`);
    expect(mail.body_text).toContain(`/invite/${invitation.id}\n`);
    const days = (new Date(invitation.expiresAt).getTime() - clock.now().getTime()) / (24 * 3600 * 1000);
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect((await as(app, admin).get("/api/v1/invitations")).json().items.map((i: { id: string }) => i.id)).toContain(invitation.id);

    const described = await app.server.inject({ method: "GET", url: `/api/v1/invitations/${invitation.id}/public` });
    expect(described.statusCode).toBe(200);
    expect(described.json()).toEqual({ organizationName: "De Wit Advies", email, role: "lead" });

    const accepted = await accept(invitation.id, { name: "Nieuw Lid", password: "a good password" });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ email, name: "Nieuw Lid", role: "lead", organizationId: admin.me.organizationId });
    const cookie = cookieFrom(accepted.headers["set-cookie"]);
    expect(String(accepted.headers["set-cookie"])).toMatch(/HttpOnly/i);
    expect((await app.server.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } })).json()).toMatchObject({
      email,
      role: "lead",
      organizationId: admin.me.organizationId,
    });
    expect((await memberOf(accepted.json().id))?.role).toBe("lead");
    // Used: gone from the list, the link is dead.
    expect((await as(app, admin).get("/api/v1/invitations")).json().items.map((i: { id: string }) => i.id)).not.toContain(invitation.id);
    expectError(await accept(invitation.id, { name: "Nog Eens", password: "a good password" }, "nl"), 404, "invitations.not_found", "nl");
    expectError(
      await app.server.inject({ method: "GET", url: `/api/v1/invitations/${invitation.id}/public` }),
      404,
      "invitations.not_found",
      "en",
    );
    const users = await app.database.db.selectFrom("user").select("id").where("email", "=", email).execute();
    expect(users).toHaveLength(1);
  });

  it("needs a name for a new account, and keeps the invitation when that is missing", async () => {
    const invitation = (await as(app, admin).post("/api/v1/invitations", { email: uniqueEmail("naamloos"), role: "advisor" })).json();
    expectError(await accept(invitation.id, { password: "a good password" }), 400, "request.validation_failed", "en");
    expectError(await accept(invitation.id, { name: "Kort", password: "short" }), 400, "request.validation_failed", "en");
    for (const language of ["nl", "en"] as const) {
      expectError(await accept(invitation.id, { name: "Zwak", password: "12345678" }, language), 400, "auth.common_password", language);
    }
    const accepted = await accept(invitation.id, { name: "Met Naam", password: "a good password" });
    expect(accepted.statusCode).toBe(201);
  });

  it("let someone with an account join with their own password, and not with a wrong one", async () => {
    const elsewhere = await signup(app, { name: "Bestaand Account", organizationName: "Ander Kantoor" });
    const invitation = (await as(app, admin).post("/api/v1/invitations", { email: elsewhere.me.email, role: "frontdesk" })).json();
    // The public view is the same as for an address without an account: it does not tell who has one.
    const described = (await app.server.inject({ method: "GET", url: `/api/v1/invitations/${invitation.id}/public` })).json();
    expect(described).toEqual({ organizationName: admin.me.organizationName, email: elsewhere.me.email, role: "frontdesk" });

    expectError(await accept(invitation.id, { password: "not the password" }, "nl"), 401, "auth.invalid_credentials", "nl");
    expect(await memberOf(elsewhere.me.id)).toBeUndefined();

    const accepted = await accept(invitation.id, { password: "correct horse battery" });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ id: elsewhere.me.id, role: "frontdesk", organizationId: admin.me.organizationId });
    expect((await memberOf(elsewhere.me.id))?.role).toBe("frontdesk");
    // Their own organization is still theirs.
    const own = await app.database.db.selectFrom("member").select("role").where("userId", "=", elsewhere.me.id).execute();
    expect(own.map((m) => m.role).sort()).toEqual(["admin", "frontdesk"]);
  });

  it("expire: an invitation past its date is not found, not listed and cannot be accepted", async () => {
    const invitation = (await as(app, admin).post("/api/v1/invitations", { email: uniqueEmail("verlopen"), role: "advisor" })).json();
    await app.database.db
      .updateTable("invitation")
      .set({ expiresAt: new Date(clock.now().getTime() - 1000) })
      .where("id", "=", invitation.id)
      .execute();
    expectError(
      await app.server.inject({ method: "GET", url: `/api/v1/invitations/${invitation.id}/public`, headers: { "accept-language": "nl" } }),
      404,
      "invitations.not_found",
      "nl",
    );
    expectError(await accept(invitation.id, { name: "Te Laat", password: "a good password" }), 404, "invitations.not_found", "en");
    expect((await as(app, admin).get("/api/v1/invitations")).json().items.map((i: { id: string }) => i.id)).not.toContain(invitation.id);
    expect(await app.database.db.selectFrom("user").select("id").where("email", "=", invitation.email).executeTakeFirst()).toBeUndefined();
  });

  it("expire after seven days by the clock too", async () => {
    const invitation = (await as(app, admin).post("/api/v1/invitations", { email: uniqueEmail("week"), role: "advisor" })).json();
    const saved = offsetMs;
    offsetMs += 7 * 24 * 3600 * 1000 + 60_000;
    try {
      expectError(
        await app.server.inject({ method: "GET", url: `/api/v1/invitations/${invitation.id}/public` }),
        404,
        "invitations.not_found",
        "en",
      );
    } finally {
      offsetMs = saved;
    }
  });

  it("can be cancelled by an admin (204), after which the link is dead; others get 403", async () => {
    const invitation = (await as(app, admin).post("/api/v1/invitations", { email: uniqueEmail("geannuleerd"), role: "advisor" })).json();
    expectError(await as(app, advisor).delete(`/api/v1/invitations/${invitation.id}`), 403, "auth.forbidden", "en");
    expect((await as(app, admin).delete(`/api/v1/invitations/${invitation.id}`)).statusCode).toBe(204);
    expectError(await as(app, admin).delete(`/api/v1/invitations/${invitation.id}`), 404, "invitations.not_found", "en");
    expectError(await accept(invitation.id, { name: "Toch", password: "a good password" }), 404, "invitations.not_found", "en");
    expect((await as(app, admin).get("/api/v1/invitations")).json().items.map((i: { id: string }) => i.id)).not.toContain(invitation.id);
  });

  it("inviting the same address again replaces the earlier invitation", async () => {
    const email = uniqueEmail("opnieuw");
    const first = (await as(app, admin).post("/api/v1/invitations", { email, role: "advisor" })).json();
    const second = (await as(app, admin).post("/api/v1/invitations", { email, role: "lead" })).json();
    expect(second.id).not.toBe(first.id);
    expectError(await accept(first.id, { name: "Eerste", password: "a good password" }), 404, "invitations.not_found", "en");
    const pending = (await as(app, admin).get("/api/v1/invitations")).json().items.filter((i: { email: string }) => i.email === email);
    expect(pending.map((i: { id: string; role: string }) => [i.id, i.role])).toEqual([[second.id, "lead"]]);
  });

  it("refuses to invite someone who is already a member (409), in any case of the address", async () => {
    for (const [language, message] of [
      ["en", "This person is already a member of the organization."],
      ["nl", "Deze persoon is al lid van de organisatie."],
    ] as const) {
      const response = await as(app, admin, language).post("/api/v1/invitations", { email: advisor.me.email.toUpperCase(), role: "lead" });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toEqual({ code: "invitations.already_member", message });
    }
    expect((await as(app, admin).get("/api/v1/invitations")).json().items.map((i: { email: string }) => i.email)).not.toContain(
      advisor.me.email,
    );
    expect((await memberOf(advisor.me.id))?.role).toBe("advisor");
  });

  it("an unknown invitation id is 404 everywhere", async () => {
    for (const response of [
      await app.server.inject({ method: "GET", url: "/api/v1/invitations/does-not-exist/public" }),
      await accept("does-not-exist", { name: "X Y", password: "a good password" }),
      await as(app, admin).delete("/api/v1/invitations/does-not-exist"),
    ]) {
      expectError(response, 404, "invitations.not_found", "en");
    }
  });
});

describe("the last admin under concurrency", () => {
  it("two admins demoting each other at the same moment leave exactly one admin", async () => {
    for (let round = 0; round < 5; round++) {
      const firm = await signup(app, { organizationName: `Gelijktijdig ${round}` });
      const other = await addMember(app, firm, "admin");
      const [one, two] = await Promise.all([
        as(app, firm).patch(`/api/v1/members/${other.me.id}`, { role: "advisor" }),
        as(app, other).patch(`/api/v1/members/${firm.me.id}`, { role: "advisor" }),
      ]);
      expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409]);
      const admins = await app.database.db
        .selectFrom("member")
        .select("userId")
        .where("organizationId", "=", firm.me.organizationId)
        .where("role", "=", "admin")
        .execute();
      expect(admins).toHaveLength(1);
    }
  });
});
