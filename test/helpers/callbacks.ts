import type { App } from "../../src/app.ts";
import { rerouteUnaccepted } from "../../src/modules/callbacks/callbacks.sweep.ts";
import type { Clock } from "../../src/shared/clock.ts";
import { createCursorCodec } from "../../src/shared/cursor.ts";
import { addMember } from "./members.ts";
import { as, type Session, signup } from "./test-app.ts";

/**
 * One organization for a callback test, made the way people make it: an
 * administrator, a front desk, two advisors who list the same topic in
 * different spellings, and a team lead. Each test gets its own, so the
 * routing (fewest callbacks waiting) does not depend on other tests.
 */
export async function callbackOrganization(app: App, name: string) {
  const admin = await signup(app, { name: "Sanne Beheer", organizationName: name });
  const desk = await addMember(app, admin, "frontdesk", { name: "Fatima Balie" });
  const anna = await addMember(app, admin, "advisor", { name: "Anna de Vries" });
  const pieter = await addMember(app, admin, "advisor", { name: "Pieter Jansen" });
  const lotte = await addMember(app, admin, "lead", { name: "Lotte Leider" });
  await as(app, admin).put(`/api/v1/members/${anna.me.id}/expertise`, { topics: ["Pensions", "btw-aangifte"] });
  await as(app, admin).put(`/api/v1/members/${pieter.me.id}/expertise`, { topics: ["pension"] });
  const clientId: string = (
    await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Garage Smit", phone: "020 555 1234" })
  ).json().id;
  const contactId: string = (
    await as(app, admin).post(`/api/v1/clients/${clientId}/contacts`, { name: "Kees Smit", email: "kees@smit.example" })
  ).json().id;
  return { admin, desk, anna, pieter, lotte, clientId, contactId };
}
export type CallbackOrganization = Awaited<ReturnType<typeof callbackOrganization>>;

export function intake(org: CallbackOrganization, overrides: Record<string, unknown> = {}) {
  return {
    clientId: org.clientId,
    contactId: org.contactId,
    question: "Kan ik mijn pensioen eerder laten ingaan?",
    readBack: true,
    topic: "Pension",
    ...overrides,
  };
}

export function sweeper(app: App, clock: Clock) {
  return () =>
    rerouteUnaccepted({
      db: app.database.db,
      clock,
      logger: app.logger,
      baseUrl: "http://127.0.0.1:3000",
      cursor: createCursorCodec("x".repeat(40)),
    });
}

export async function setAcceptMinutes(app: App, orgId: string, minutes: number) {
  const result = await app.database.db
    .updateTable("org_settings")
    .set({ callback_accept_minutes: minutes })
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error("the organization has no settings row");
}

export type { Session };
