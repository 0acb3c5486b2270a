import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";

let app: App;
let alice: Session;

beforeAll(async () => {
  app = await createTestApp();
  alice = await signup(app, { name: "Alice Adviseur", organizationName: "Alice & Co" });
});
afterAll(() => app.close());

describe("clients", () => {
  it("creates a client and reads it back", async () => {
    const api = as(app, alice);
    const created = await api.post("/api/v1/clients", {
      kind: "company",
      name: "Bakkerij Jansen B.V.",
      email: "Info@Jansen.example",
      phone: "020 123 4567",
      accountOwnerId: alice.me.id,
    });
    expect(created.statusCode).toBe(201);
    const client = created.json();
    expect(client).toMatchObject({
      kind: "company",
      name: "Bakkerij Jansen B.V.",
      email: "info@jansen.example",
      accountOwner: { id: alice.me.id, name: "Alice Adviseur" },
      version: 1,
      contactCount: 0,
    });
    const read = await api.get(`/api/v1/clients/${client.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(client);
  });

  it("finds clients by name, contact name, e-mail and phone digits", async () => {
    const api = as(app, alice);
    const client = (await api.post("/api/v1/clients", { kind: "company", name: "Zorggroep Noorderlicht" })).json();
    const contact = await api.post(`/api/v1/clients/${client.id}/contacts`, {
      name: "Henk Oosterhuis",
      role: "CFO",
      email: "henk@noorderlicht.example",
      phone: "06-12 34 56 78",
    });
    expect(contact.statusCode).toBe(201);
    for (const q of [
      "noorderl",
      "oosterhuis",
      "henk@noorder",
      "0612345678",
      "06 12 34 56 78",
      "zorggroep henk",
      "henk 06.12.34.56.78",
      "Oosterhuis (06) 1234 5678",
    ]) {
      const found = (await api.get(`/api/v1/clients?q=${encodeURIComponent(q)}`)).json();
      expect(
        found.items.map((c: { id: string }) => c.id),
        q,
      ).toContain(client.id);
    }
    const none = (await api.get(`/api/v1/clients?q=${encodeURIComponent("noorderlicht xyzzy")}`)).json();
    expect(none.items).toEqual([]);
  });

  it("names the contacts a search found a client through, and none when the client matches on its own", async () => {
    const api = as(app, alice);
    const client = (await api.post("/api/v1/clients", { kind: "company", name: "Kwekerij Duinzicht", phone: "0252 41 00 00" })).json();
    const bram = (await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Bram Tulpenveld", phone: "06 98 76 54 32" })).json();
    const ineke = (
      await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Ineke Tulpenveld", email: "ineke@duinzicht.example" })
    ).json();
    await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Kees Bollema" });
    const search = async (q: string) => {
      const response = await api.get(`/api/v1/clients?q=${encodeURIComponent(q)}`);
      expect(response.statusCode, response.body).toBe(200);
      const item = response.json().items.find((c: { id: string }) => c.id === client.id);
      expect(item, q).toBeDefined();
      return (item.matchedContacts as { id: string; name: string; clientId: string }[]).map((contact) => contact.name);
    };
    expect(await search("tulpenveld")).toEqual(["Bram Tulpenveld", "Ineke Tulpenveld"]);
    expect(await search("bram")).toEqual(["Bram Tulpenveld"]);
    expect(await search("06-98765432")).toEqual(["Bram Tulpenveld"]);
    expect(await search("ineke@duinz")).toEqual(["Ineke Tulpenveld"]);
    // The client's name and a contact's: the contact explains part of it.
    expect(await search("duinzicht bram")).toEqual(["Bram Tulpenveld"]);
    // The client on its own: no contact named (Ineke's e-mail also holds "duinzicht", but adds nothing).
    expect(await search("kwekerij")).toEqual([]);
    expect(await search("duinzicht")).toEqual([]);
    const full = (await api.get(`/api/v1/clients?q=bram`)).json().items[0];
    expect(full.matchedContacts[0]).toMatchObject({ id: bram.id, clientId: client.id, phone: "06 98 76 54 32", role: null });
    expect(ineke.id).not.toBe(bram.id);
    // Without a search, nothing is named.
    const all = (await api.get("/api/v1/clients?limit=100")).json().items;
    expect(all.every((c: { matchedContacts: unknown[] }) => c.matchedContacts.length === 0)).toBe(true);
  });

  it("pages through clients in name order with a cursor", async () => {
    const api = as(app, alice);
    const names = ["Pagina C", "pagina a", "Pagina B", "Pagina E", "Pagina D"];
    for (const name of names) await api.post("/api/v1/clients", { kind: "person", name });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/clients?q=pagina&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = (await api.get(url)).json();
      seen.push(...page.items.map((c: { name: string }) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["pagina a", "Pagina B", "Pagina C", "Pagina D", "Pagina E"]);
  });

  it("archives and restores; archived clients leave the default list", async () => {
    const api = as(app, alice);
    const client = (await api.post("/api/v1/clients", { kind: "person", name: "Archief Persoon" })).json();
    const archived = await api.post(`/api/v1/clients/${client.id}/archive`);
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await api.get("/api/v1/clients?q=archief")).json().items).toEqual([]);
    expect((await api.get("/api/v1/clients?q=archief&archived=true")).json().items).toHaveLength(1);
    const restored = await api.post(`/api/v1/clients/${client.id}/restore`);
    expect(restored.json().archivedAt).toBeNull();
    expect((await api.get("/api/v1/clients?q=archief")).json().items).toHaveLength(1);
  });

  it("refuses a stale version with 409 and keeps the newer data", async () => {
    const api = as(app, alice);
    const client = (await api.post("/api/v1/clients", { kind: "company", name: "Versie BV" })).json();
    const first = await api.patch(`/api/v1/clients/${client.id}`, { name: "Versie BV (nieuw)", version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await as(app, alice, "nl").patch(`/api/v1/clients/${client.id}`, { name: "Oude naam", version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toEqual({ code: "clients.version_conflict", message: expect.stringContaining("Iemand anders") });
    expect((await api.get(`/api/v1/clients/${client.id}`)).json().name).toBe("Versie BV (nieuw)");
  });

  it("edits and removes contacts, and search follows", async () => {
    const api = as(app, alice);
    const client = (await api.post("/api/v1/clients", { kind: "company", name: "Contact Test BV" })).json();
    const contact = (await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Gerrit Wolkenkrabber" })).json();
    const renamed = await api.patch(`/api/v1/clients/${client.id}/contacts/${contact.id}`, { name: "Gerrit Zonnestraal", role: "" });
    expect(renamed.json()).toMatchObject({ name: "Gerrit Zonnestraal", role: null });
    expect((await api.get("/api/v1/clients?q=wolkenkrabber")).json().items).toEqual([]);
    expect((await api.get("/api/v1/clients?q=zonnestraal")).json().items).toHaveLength(1);
    expect((await api.get(`/api/v1/clients/${client.id}/contacts`)).json().items).toHaveLength(1);
    expect((await api.get(`/api/v1/clients/${client.id}`)).json().contactCount).toBe(1);
    expect((await api.delete(`/api/v1/clients/${client.id}/contacts/${contact.id}`)).statusCode).toBe(204);
    expect((await api.get(`/api/v1/clients/${client.id}/contacts`)).json().items).toEqual([]);
    expect((await api.get(`/api/v1/clients/${client.id}`)).json().contactCount).toBe(0);
    expect((await api.get("/api/v1/clients?q=zonnestraal")).json().items).toEqual([]);
  });

  it("rejects an account owner from outside the organization", async () => {
    const bob = await signup(app, { organizationName: "Bob BV" });
    const response = await as(app, alice).post("/api/v1/clients", { kind: "company", name: "Vreemde eigenaar", accountOwnerId: bob.me.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("clients.owner_not_member");
  });
});
