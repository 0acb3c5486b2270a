import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";

const clock = fixedClock(new Date("2026-11-23T09:00:00Z"));
let app: App;
let alice: Session;
let advisor: Session;
let bob: Session;
let client: { id: string };
let contact: { id: string };

/** An event as another module publishes it, in its own transaction. */
async function publish(event: {
  type: string;
  actorId?: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
  clientId?: string;
}) {
  const id = randomUUID();
  await app.database.db.transaction().execute((trx) =>
    domainEvents.publish(trx, {
      orgId: alice.me.organizationId,
      id,
      type: event.type,
      subjectType: event.type.split(".")[0] ?? "x",
      subjectId: randomUUID(),
      clientId: event.clientId ?? client.id,
      actorId: event.actorId ?? null,
      payload: event.payload,
      occurredAt: new Date(event.occurredAt),
    }),
  );
  return id;
}

beforeAll(async () => {
  app = await createTestApp({ clock });
  alice = await signup(app, { name: "Alice Adviseur", organizationName: "Alice & Co" });
  advisor = await addMember(app, alice, "advisor", { name: "Arie Adviseur" });
  bob = await signup(app, { name: "Bob", organizationName: "Bob BV" });
  const api = as(app, alice);
  client = (await api.post("/api/v1/clients", { kind: "company", name: "Bakkerij Jansen" })).json();
  contact = (await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Jan Jansen" })).json();
});
afterAll(() => app.close());

describe("GET /api/v1/clients/:id/timeline", () => {
  it("lists interactions and every other producer's events newest first, with actor, contact, title and source", async () => {
    const api = as(app, alice);
    const logged = (
      await as(app, advisor).post("/api/v1/interactions", {
        clientId: client.id,
        contactId: contact.id,
        kind: "call",
        direction: "inbound",
        initiatedBy: "client",
        occurredAt: "2026-11-20T10:00:00+01:00",
        summary: "Vraag over de btw-aangifte",
        clientRaisedProblem: true,
      })
    ).json();
    const kept = await publish({
      type: "commitment.kept",
      actorId: alice.me.id,
      payload: { commitmentId: randomUUID(), title: "Offerte sturen", kind: "deliverable", ownerId: alice.me.id, contactId: contact.id },
      occurredAt: "2026-11-21T12:00:00Z",
    });
    // A producer nobody wrote code for here yet: shown by its type and summary.
    const incident = await publish({
      type: "engagement.declined",
      payload: { summary: "Opdracht afgeraden" },
      occurredAt: "2026-11-19T08:00:00Z",
    });
    // Private to a person: never on the timeline.
    await publish({ type: "team_pulse.answered", actorId: advisor.me.id, payload: { score: 1 }, occurredAt: "2026-11-22T08:00:00Z" });

    const response = await api.get(`/api/v1/clients/${client.id}/timeline`);
    expect(response.statusCode, response.body).toBe(200);
    const { items, nextCursor } = response.json();
    expect(nextCursor).toBeNull();
    expect(items.map((item: { id: string }) => item.id)).toEqual([kept, logged.id, incident]);
    expect(items[0]).toMatchObject({
      type: "commitment.kept",
      group: "commitments",
      occurredAt: "2026-11-21T12:00:00.000Z",
      actor: { id: alice.me.id, name: "Alice Adviseur" },
      contact: { id: contact.id, name: "Jan Jansen" },
      title: "Offerte sturen",
      source: { type: "commitment" },
    });
    expect(items[1]).toEqual({
      id: logged.id,
      type: "interaction.logged",
      group: "interactions",
      occurredAt: "2026-11-20T09:00:00.000Z",
      actor: { id: advisor.me.id, name: "Arie Adviseur" },
      contact: { id: contact.id, name: "Jan Jansen" },
      title: "Vraag over de btw-aangifte",
      source: { type: "interaction", id: logged.id },
      payload: {
        interactionId: logged.id,
        kind: "call",
        direction: "inbound",
        initiatedBy: "client",
        summary: "Vraag over de btw-aangifte",
        contactId: contact.id,
        clientRaisedProblem: true,
        clientInvitation: false,
      },
    });
    expect(items[2]).toMatchObject({
      type: "engagement.declined",
      group: "other",
      actor: null,
      contact: null,
      title: "Opdracht afgeraden",
    });
  });

  it("filters by group and pages with a cursor", async () => {
    const api = as(app, alice);
    const other = (await api.post("/api/v1/clients", { kind: "company", name: "Paginering BV" })).json();
    const ids: string[] = [];
    for (const day of [1, 2, 3, 4, 5]) {
      ids.push(
        await publish({
          type: day % 2 ? "commitment.created" : "pulse.answered",
          payload: { title: `Dag ${day}` },
          occurredAt: `2026-11-0${day}T10:00:00Z`,
          clientId: other.id,
        }),
      );
    }
    const first = (await api.get(`/api/v1/clients/${other.id}/timeline?limit=2`)).json();
    expect(first.items.map((i: { title: string }) => i.title)).toEqual(["Dag 5", "Dag 4"]);
    const second = (await api.get(`/api/v1/clients/${other.id}/timeline?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { title: string }) => i.title)).toEqual(["Dag 3", "Dag 2"]);
    const third = (await api.get(`/api/v1/clients/${other.id}/timeline?limit=2&cursor=${second.nextCursor}`)).json();
    expect(third).toMatchObject({ items: [{ title: "Dag 1" }], nextCursor: null });

    const commitments = (await api.get(`/api/v1/clients/${other.id}/timeline?types=commitments`)).json();
    expect(commitments.items.map((i: { title: string }) => i.title)).toEqual(["Dag 5", "Dag 3", "Dag 1"]);
    const both = (await api.get(`/api/v1/clients/${other.id}/timeline?types=pulse,interactions`)).json();
    expect(both.items.map((i: { group: string }) => i.group)).toEqual(["pulse", "pulse"]);
    expect((await api.get(`/api/v1/clients/${other.id}/timeline?types=interactions`)).json().items).toEqual([]);
  });

  it("shows a callback's facts under callbacks and not under promises", async () => {
    const api = as(app, alice);
    const other = (await api.post("/api/v1/clients", { kind: "company", name: "Terugbel BV" })).json();
    const at = "2026-11-10T10:00:00Z";
    await publish({
      type: "commitment.kept",
      payload: { title: "Teruggebeld", commitmentKind: "callback" },
      occurredAt: at,
      clientId: other.id,
    });
    await publish({
      type: "commitment.kept",
      payload: { title: "Offerte gestuurd", commitmentKind: "promise" },
      occurredAt: at,
      clientId: other.id,
    });
    await publish({ type: "callback.unaccepted", payload: { title: "Niemand nam het op" }, occurredAt: at, clientId: other.id });
    const titles = async (types: string) =>
      ((await api.get(`/api/v1/clients/${other.id}/timeline?types=${types}`)).json().items as Array<{ title: string; group: string }>)
        .map((item) => `${item.group}:${item.title}`)
        .sort();
    expect(await titles("callbacks")).toEqual(["callbacks:Niemand nam het op", "callbacks:Teruggebeld"]);
    expect(await titles("commitments")).toEqual(["commitments:Offerte gestuurd"]);
    expect(await titles("commitments,callbacks")).toHaveLength(3);
  });

  it("refuses unknown groups and broken cursors, translated; another organization's client is not found", async () => {
    const api = as(app, alice, "nl");
    expectError(await api.get(`/api/v1/clients/${client.id}/timeline?types=commitments,gossip`), 400, "request.validation_failed", "nl");
    expectError(await api.get(`/api/v1/clients/${client.id}/timeline?cursor=abc.def`), 400, "request.invalid_cursor", "nl");
    expectError(await as(app, bob).get(`/api/v1/clients/${client.id}/timeline`), 404, "clients.not_found", "en");
    expectError(await as(app, bob).get(`/api/v1/clients/${randomUUID()}/timeline`), 404, "clients.not_found", "en");
  });
});
