import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";
import type { SearchResult } from "./search.schemas.ts";

const clock = fixedClock(new Date("2026-11-23T09:00:00Z"));
let app: App;
let alice: Session;
let bob: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await createTestApp({ clock });
  alice = await signup(app, { name: "Alice Adviseur", organizationName: "Alice & Co" });
  bob = await signup(app, { name: "Bob", organizationName: "Bob BV" });
  const api = as(app, alice);
  const jansen = (
    await api.post("/api/v1/clients", {
      kind: "company",
      name: "Bakkerij Jansen",
      notes: "Vaste klant sinds 2019. Wil een offerte voor de verbouwing.",
    })
  ).json();
  const cecile = (await api.post("/api/v1/clients", { kind: "person", name: "Cécile Bakker" })).json();
  const jan = (
    await api.post(`/api/v1/clients/${jansen.id}/contacts`, { name: "Jan Jansen", role: "Directeur", email: "jan@jansen.example" })
  ).json();
  const call = (
    await api.post("/api/v1/interactions", {
      clientId: jansen.id,
      contactId: jan.id,
      kind: "call",
      direction: "inbound",
      initiatedBy: "client",
      occurredAt: "2026-11-20T10:00:00+01:00",
      summary: "Offerte besproken",
      body: "She calls back on Friday about the quote. <b>Niet</b> vergeten: \uE000geen\uE001 markering.",
    })
  ).json();
  const promise = (
    await api.post("/api/v1/commitments", {
      clientId: jansen.id,
      title: "Offertes sturen",
      doneWhen: "Beide offertes gemaild aan Jan",
      ownerId: alice.me.id,
      dueIn: { amount: 2, unit: "working_days" },
      source: "call",
    })
  ).json();
  Object.assign(ids, { jansen: jansen.id, cecile: cecile.id, jan: jan.id, call: call.id, promise: promise.id });
  // Bob's organization holds the same words: none of it may ever reach Alice.
  const bobs = (
    await as(app, bob).post("/api/v1/clients", { kind: "company", name: "Bakkerij Jansen (Bob)", notes: "offerte Cécile" })
  ).json();
  ids.bobs = bobs.id;
});
afterAll(() => app.close());

async function search(q: string, session = alice, language = "en"): Promise<SearchResult[]> {
  const response = await as(app, session, language).get(`/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().results;
}
const found = (results: SearchResult[]) => results.map((r) => `${r.type}:${r.id}`);

describe("GET /api/v1/search", () => {
  it("stems Dutch and English: 'offertes' finds 'offerte', 'called' finds 'calls'", async () => {
    expect(found(await search("offertes"))).toEqual(
      expect.arrayContaining([`interaction:${ids.call}`, `client:${ids.jansen}`, `commitment:${ids.promise}`]),
    );
    expect(found(await search("called"))).toContain(`interaction:${ids.call}`);
    expect(found(await search("verbouwingen"))).toContain(`client:${ids.jansen}`);
  });

  it("ignores accents both ways and marks the word as written", async () => {
    const [first] = await search("Cecile");
    expect(first).toMatchObject({ type: "client", id: ids.cecile, clientId: ids.cecile, title: "Cécile Bakker" });
    expect(first?.title.slice(first.titleHighlights[0]?.start, first.titleHighlights[0]?.end)).toBe("Cécile");
    expect(found(await search("cécile"))).toContain(`client:${ids.cecile}`);
  });

  it("finds words by their beginning while typing, contacts by their e-mail's parts", async () => {
    expect(found(await search("bakk"))).toEqual(expect.arrayContaining([`client:${ids.jansen}`, `client:${ids.cecile}`]));
    expect(found(await search("direc"))).toEqual([`contact:${ids.jan}`]);
    expect(found(await search("jansen.exa"))).toContain(`contact:${ids.jan}`);
  });

  it("ranks records holding every word first, with the client they belong to", async () => {
    // Only the promise holds both words ("Offertes sturen", "… aan Jan"); the others hold one.
    const results = await search("jan offertes");
    expect(found(results)[0]).toBe(`commitment:${ids.promise}`);
    expect(results[0]).toMatchObject({ clientId: ids.jansen, clientName: "Bakkerij Jansen" });
    expect(found(results)).toEqual(expect.arrayContaining([`contact:${ids.jan}`, `interaction:${ids.call}`]));
  });

  it("returns snippets as plain text with highlight ranges: no markup, stray marks removed", async () => {
    const call = (await search("quote")).find((r) => r.id === ids.call);
    // PostgreSQL's parser reads "<b>" as a tag and leaves it out of snippets; nothing is ever HTML.
    expect(call?.snippet).toMatch(/calls back on Friday about the quote\.\s+Niet\s+vergeten: geen markering/);
    expect(call?.snippet).not.toMatch(/[\uE000\uE001]/);
    const marked = call?.highlights.map((h) => call.snippet.slice(h.start, h.end));
    expect(marked).toEqual(["quote"]);
  });

  it("reads quotes and operators as plain text: operators alone find nothing, never an error", async () => {
    expect(await search("&|!():*'\"\\<>")).toEqual([]);
    expect(await search("!!! ((( '")).toEqual([]);
    expect(await search("")).toEqual([]);
    expect(found(await search("offerte & (jansen | !x) 'quote':* \\"))).toContain(`interaction:${ids.call}`);
  });

  it("refuses a query of 10,000 characters with a translated 400", async () => {
    for (const language of ["en", "nl"] as const) {
      const response = await as(app, alice, language).get(`/api/v1/search?q=${"offerte ".repeat(1250)}`);
      expectError(response, 400, "request.validation_failed", language);
      expect(response.json().error.details.fields[0].path).toBe("q");
    }
  });

  it("never shows another organization's records", async () => {
    for (const q of ["bakkerij", "jansen", "offerte", "cecile"]) {
      const alices = found(await search(q));
      expect(alices.some((r) => r.endsWith(ids.bobs as string))).toBe(false);
      const bobs = found(await search(q, bob));
      expect(bobs.every((r) => r === `client:${ids.bobs}`)).toBe(true);
    }
    expect(found(await search("cecile", bob))).toEqual([`client:${ids.bobs}`]);
  });
});
