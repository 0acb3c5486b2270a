import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import type { Actor } from "../../core/actor.ts";
import { addDaysToInstant } from "../../core/dates.ts";
import { isRole } from "../../core/roles.ts";
import { addWorkingDays, DEFAULT_WORKING_TIME, isWorkingDay, localDateOf } from "../../core/working-time.ts";
import { fixedClock } from "../../shared/clock.ts";
import { createCursorCodec } from "../../shared/cursor.ts";
import { listClients } from "../clients/clients.usecases.ts";
import { myDay } from "../commitments/commitments.figures.ts";
import { reliability } from "../commitments/commitments.reliability.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import * as contracts from "../contracts/contracts.usecases.ts";
import * as incidents from "../incidents/incidents.usecases.ts";
import * as rateCard from "../rate-card/rate-card.usecases.ts";
import * as risks from "../trust/trust.risks.ts";
import * as trust from "../trust/trust.usecases.ts";
import * as demo from "./demo.usecases.ts";
import { DEMO_USERS, demoClients } from "./demo-data.ts";

/**
 * The demo organization, loaded on a fixed clock at moments that used to
 * break it — a weekday morning, a Friday evening, a Sunday, New Year's Eve, the
 * nights clocks change — must look the same every time: promises made and due
 * on working days within business hours at round times, every client with
 * contacts with something still open, a lived-in My day, clients of months
 * and years. The browser tests lean on these facts, whatever the date.
 */
const MOMENTS = [
  "2026-12-08T09:10:00+01:00", // a Tuesday morning
  "2026-12-11T19:45:00+01:00", // a Friday evening
  "2026-12-13T14:00:00+01:00", // a Sunday
  "2026-12-31T16:30:00+01:00", // 31 December, the afternoon before a public holiday
  "2027-03-28T03:30:00+02:00", // the night summer time starts (a Sunday)
  "2026-10-26T08:45:00+01:00", // the Monday morning after winter time starts
];
const PASSWORD = "demo-test-password";
const settings = DEFAULT_WORKING_TIME;
const apps: App[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

type Promise_ = {
  id: string;
  title: string;
  status: string;
  kind: string;
  dueAt: string;
  createdAt: string;
  clientName: string;
};

/**
 * Loads the demo at `at` and reads back what its people would see, through the use-cases the
 * routes call (HTTP sessions are dated by the wall clock, which a fixed clock may be far from).
 */
async function demoAt(at: string) {
  const clock = fixedClock(new Date(at));
  const app = await createTestApp({ clock });
  apps.push(app);
  const cursor = createCursorCodec("demo-test-secret-demo-test-secret");
  const deps = { db: app.database.db, clock, auth: app.auth, cursor, baseUrl: "" };
  const first = await demo.loadDemo(deps, { password: PASSWORD });
  const second = await demo.loadDemo(deps, { password: "another-password-entirely" });
  const members = await app.database.db
    .selectFrom("member")
    .innerJoin("user", "user.id", "member.userId")
    .select(["member.organizationId", "member.userId", "member.role", "user.email"])
    .execute();
  const actorOf = (email: string): Actor => {
    const member = members.find((m) => m.email === email);
    if (!member || !isRole(member.role)) throw new Error(`no demo member ${email}`);
    return { userId: member.userId, orgId: member.organizationId, role: member.role, via: "session" };
  };
  const admin = actorOf(DEMO_USERS[0].email);
  const promises: Promise_[] = [];
  let next: string | undefined;
  do {
    const page = await commitments.listCommitments(deps, admin, {
      status: ["open", "kept", "kept_late", "renegotiated", "broken", "cancelled"],
      order: "due_asc",
      limit: 200,
      ...(next ? { cursor: next } : {}),
    });
    promises.push(...(page.items as Promise_[]));
    next = page.nextCursor ?? undefined;
  } while (next);
  return { clock, deps, first, second, actorOf, admin, promises };
}

const minutesOfDay = (instant: Date) => {
  const [h, m] = new Intl.DateTimeFormat("en-GB", { timeZone: settings.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .format(instant)
    .split(":")
    .map(Number) as [number, number];
  return h * 60 + m;
};
const withinBusinessHours = (instant: Date) =>
  isWorkingDay(settings, localDateOf(settings, instant)) && minutesOfDay(instant) >= 9 * 60 && minutesOfDay(instant) <= 17 * 60;

/** What should be the same on every date: which client got which promise, with what title, in which state of life. */
const shape = (promises: Promise_[]) => promises.map((p) => `${p.clientName} · ${p.kind} · ${p.title}`).sort();

const loaded = new Map<string, Awaited<ReturnType<typeof demoAt>>>();

describe.each(MOMENTS)("the demo loaded at %s", (moment) => {
  it("loads once, with the password it was given", async () => {
    const d = await demoAt(moment);
    loaded.set(moment, d);
    expect(d.first.created).toBe(true);
    expect(d.second.created).toBe(false);
    expect(d.promises.length).toBeGreaterThan(100);
  }, 240_000);

  it("makes and sets every promise on a working day within business hours, due at a round time", () => {
    const { promises } = loaded.get(moment) ?? { promises: [] };
    expect(promises.length).toBeGreaterThan(0);
    for (const p of promises) {
      const made = new Date(p.createdAt);
      const due = new Date(p.dueAt);
      expect(withinBusinessHours(made), `${p.title} made ${p.createdAt}`).toBe(true);
      expect(withinBusinessHours(due), `${p.title} due ${p.dueAt}`).toBe(true);
      expect(due.getTime() % (15 * 60_000), `${p.title} due ${p.dueAt}`).toBe(0);
    }
  });

  it("gives every client with contacts something still open, and each adviser a lived-in My day", async () => {
    const d = loaded.get(moment);
    if (!d) throw new Error("the demo did not load");
    const openClients = new Set(d.promises.filter((p) => p.status === "open" || p.status === "renegotiated").map((p) => p.clientName));
    for (const client of demoClients().filter((c) => c.contacts.length > 0)) expect(openClients, client.name).toContain(client.name);
    const soon = addWorkingDays(settings, d.clock.now(), 3).getTime();
    for (const user of DEMO_USERS.filter((u) => u.role !== "frontdesk")) {
      const day = await myDay(d.deps, d.actorOf(user.email));
      expect(day.overdue.length, user.name).toBeGreaterThan(0);
      expect(day.waitingCallbacks.length, user.name).toBeGreaterThan(0);
      const mine = d.promises.filter(
        (p) => p.status === "open" && p.kind === "deliverable" && new Date(p.dueAt).getTime() > d.clock.now().getTime(),
      );
      expect(
        mine.some((p) => new Date(p.dueAt).getTime() <= soon),
        `${user.name} has something due within three working days`,
      ).toBe(true);
    }
  });

  it("has clients of months and years, and twelve weeks of history: mostly kept on time, some late, renegotiated or not kept", async () => {
    const d = loaded.get(moment);
    if (!d) throw new Error("the demo did not load");
    const clients = await listClients(d.deps, d.admin, { limit: 200, archived: false });
    const hundredDaysAgo = addDaysToInstant(d.clock.now(), -100);
    for (const client of clients.items) expect(new Date(client.createdAt).getTime()).toBeLessThan(hundredDaysAgo.getTime());
    const today = localDateOf(settings, d.clock.now());
    const from = localDateOf(settings, hundredDaysAgo);
    const figures = await reliability(d.deps, d.admin, { from, to: today, groupBy: "owner" });
    expect(figures.total.kept).toBeGreaterThan(30);
    expect(figures.total.keptLate + figures.total.broken).toBeGreaterThan(0);
    expect(figures.total.keptOnTimeRate).toBeGreaterThan(0.6);
    expect(figures.total.keptOnTimeRate).toBeLessThan(1);
    expect(figures.groups.length).toBeGreaterThanOrEqual(3);
    expect(figures.trend.length).toBeGreaterThanOrEqual(10);
  });
});

describe.each(MOMENTS)("the demo's trust stories at %s", (moment) => {
  it("tells them: an undisclosed break tops the at-risk list, a pulse contradicts the evidence, a healthy client is calm", async () => {
    const d = loaded.get(moment);
    if (!d) throw new Error("the demo did not load");
    const list = await risks.listAtRisk(d.deps, d.admin, { includeAcknowledged: true, limit: 100 }, "nl");
    const undisclosed = list.items.find((item) =>
      item.reasons.some(
        (reason) => reason.code === "broken_undisclosed" && reason.evidence.some((e) => e.label === "Bezwaarschrift WOZ-waarde indienen"),
      ),
    );
    expect(undisclosed?.nextStep).toBe("apologise_and_renegotiate");
    expect(list.items[0]?.reasons.map((reason) => reason.code)).toContain("broken_undisclosed");
    const contradicting = d.promises.find((p) => p.title === "Investeringsaftrek uitzoeken")?.clientName;
    const gap = list.items.find((item) => item.clientName === contradicting);
    expect(gap?.reasons.map((reason) => reason.code)).toContain("perception_gap");
    const healthyName = d.promises.find((p) => p.title === "Managementrapportage Q3")?.clientName;
    const healthy = list.items.find((item) => item.clientName === healthyName);
    expect(healthy?.reasons ?? []).toEqual([]);
    const healthyId =
      (await listClients(d.deps, d.admin, { limit: 200, archived: false })).items.find((c) => c.name === healthyName)?.id ?? "";
    const ledger = await trust.getClientTrust(d.deps, d.admin, healthyId);
    expect(ledger.cores.integrity.score).toBeGreaterThan(0.6);
    expect(ledger.perceived?.intent).toBe(5);
    expect(ledger.cores.intent.score).toBeGreaterThan(0.6);
    const silent = list.items.filter((item) => item.reasons.some((reason) => reason.code === "silence"));
    expect(silent.length).toBeGreaterThan(0);
  });
});

describe("the demo on different dates", () => {
  it("is the same firm with the same promises to the same clients", () => {
    const shapes = MOMENTS.map((m) => shape(loaded.get(m)?.promises ?? []));
    for (const [index, other] of shapes.entries()) expect(other, MOMENTS[index]).toEqual(shapes[0]);
  });
});

describe.each(MOMENTS)("the demo's errors at %s", (moment) => {
  it("has one error told within hours and one the client found first, both told, with their evidence", async () => {
    const d = loaded.get(moment);
    if (!d) throw new Error("the demo did not load");
    const list = await incidents.listIncidents(d.deps, d.admin, { status: "all" });
    expect(list.items).toHaveLength(2);
    const quick = list.items.find((item) => item.foundBy === "us");
    const found = list.items.find((item) => item.foundBy === "client");
    expect(quick?.clients[0]?.disclosure).toMatchObject({ workingHoursToDisclosure: 2, withinPolicy: true });
    expect(found?.clients[0]?.disclosure?.withinPolicy).toBe(true);
    expect(list.items.every((item) => item.undisclosedCount === 0)).toBe(true);
    const foundLedger = await trust.getClientTrust(d.deps, d.admin, found?.clients[0]?.clientId ?? "");
    expect(foundLedger.cores.integrity.score).toBeLessThan(0.5);
  });
});

describe.each(MOMENTS)("the demo's contracts at %s", (moment) => {
  it("has the red-face contract (about 8,000 euro too much every year since 2020) and a fair one", async () => {
    const d = loaded.get(moment);
    if (!d) throw new Error("the demo did not load");
    const list = (await contracts.listContracts(d.deps, d.admin, {})).items;
    expect(list).toHaveLength(2);
    const audits = await Promise.all(list.map((contract) => contracts.auditContract(d.deps, d.admin, contract.id)));
    const [redFace, fair] = [...audits].sort((a, b) => b.totalOverchargeCents - a.totalOverchargeCents);
    // 2020–2025 as worked by hand in src/core/indexation/audit.test.ts, plus 2025 on the CPI of 2024 (3.3 %).
    expect(redFace?.years.slice(0, 6).map((year) => year.overchargeCents)).toEqual([800_000, 810_400, 832_280, 915_508, 950_297, 981_657]);
    expect(redFace?.totalOverchargeCents).toBe(5_290_142);
    expect(fair?.totalOverchargeCents).toBe(0);
  });

  it("has a rate card, and the fair contract's low hourly rate is flagged below it", async () => {
    const d = loaded.get(moment);
    if (!d) throw new Error("the demo did not load");
    const fairness = await rateCard.getFairness(d.deps, d.admin, { flagged: "true" });
    expect(fairness.items.map((line) => [line.contractTitle, line.role, line.flags])).toEqual([
      ["Salarisadministratie", "Adviseur", ["below_card"]],
    ]);
  });
});
