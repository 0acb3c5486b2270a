import { describe, expect, it } from "vitest";
import { clientMatchesOnItsOwn, contactsMatchedBy, searchableText } from "./contact-match.ts";
import { searchTerms } from "./search-text.ts";

const client = { name: "Bakkerij Dekker", email: "info@bakkerijdekker.example", phone: "076 957 4444" };
const noor = { name: "Noor de Wit", email: "noor@bakkerijdekker.example", phone: "076 774 4695" };
const lucas = { name: "Lucas Hendriks", email: "lucas@bakkerijdekker.example", phone: "030 231 8391" };
const matched = (query: string) => contactsMatchedBy(searchTerms(query), client, [noor, lucas]).map((contact) => contact.name);

describe("searchableText", () => {
  it("holds every value lower-cased, phones also as digits only, and skips what is missing", () => {
    expect(searchableText("Noor de Wit", null, "076-774 4695")).toBe("noor de wit 076-774 4695 0767744695");
    expect(searchableText(null, null)).toBe("");
  });
});

describe("contactsMatchedBy", () => {
  it("names the contact whose name, e-mail or phone the search is on", () => {
    expect(matched("noor")).toEqual(["Noor de Wit"]);
    expect(matched("de wit")).toEqual(["Noor de Wit"]);
    expect(matched("030 231 8391")).toEqual(["Lucas Hendriks"]);
    expect(matched("lucas@")).toEqual(["Lucas Hendriks"]);
  });

  it("names a contact when a term is the client's and another only theirs", () => {
    expect(matched("dekker noor")).toEqual(["Noor de Wit"]);
    expect(matched("bakkerij hendriks")).toEqual(["Lucas Hendriks"]);
  });

  it("names nobody when the client matches on its own, even if contacts also hold the terms", () => {
    expect(matched("bakkerijdekker")).toEqual([]);
    expect(matched("bakkerij")).toEqual([]);
    expect(clientMatchesOnItsOwn(searchTerms("bakkerij dekker"), client)).toBe(true);
    expect(clientMatchesOnItsOwn(searchTerms("noor"), client)).toBe(false);
  });

  it("names nobody for a term nobody holds, or without terms", () => {
    expect(matched("noor xyzzy")).toEqual([]);
    expect(contactsMatchedBy([], client, [noor])).toEqual([]);
  });

  it("names every contact a shared name matches, in the order given", () => {
    const bram = { name: "Bram Dekker", email: null, phone: null };
    // Noor's e-mail holds "dekker" too: she is named along with Bram when the client itself does not match.
    expect(contactsMatchedBy(searchTerms("dekker"), { name: "Kwekerij", email: null, phone: null }, [noor, bram])).toEqual([noor, bram]);
    expect(contactsMatchedBy(searchTerms("dekker"), client, [bram, noor]).map((c) => c.name)).toEqual(["Bram Dekker"]);
  });
});
