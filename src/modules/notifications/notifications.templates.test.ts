import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS } from "./notifications.schemas.ts";
import { formatDueAt, oneLine, renderNotificationEmail } from "./notifications.templates.ts";

const params = {
  title: "Offerte\nnasturen",
  clientName: "Bakkerij Jansen",
  dueAt: "2026-07-01T08:30:00.000Z",
  ownerName: "Arie Adviseur",
  link: "https://crm.example/commitments/0b7e8f1c-1111-4222-8333-444455556666",
};

describe("notification e-mails", () => {
  it.each(NOTIFICATION_KINDS.flatMap((kind) => (["nl", "en"] as const).map((language) => [kind, language] as const)))(
    "%s in %s: a one-line subject with the title, the facts, and the link last",
    (kind, language) => {
      const { subject, text } = renderNotificationEmail({ kind, params, language, timeZone: "Europe/Amsterdam", recipientName: "Sanne" });
      expect(subject).toContain("Offerte nasturen");
      expect(subject).not.toMatch(/\n/);
      const lines = text.trimEnd().split("\n");
      expect(lines[0]).toBe(language === "nl" ? "Beste Sanne," : "Hello Sanne,");
      expect(text).toContain("Bakkerij Jansen");
      // Summer time: 08:30 UTC is 10:30 in Amsterdam.
      expect(text).toContain("10:30");
      expect(lines.slice(-4)).toEqual([params.link, "", "-- ", "Trustledger"]);
      const other = renderNotificationEmail({
        kind,
        params,
        language: language === "nl" ? "en" : "nl",
        timeZone: "Europe/Amsterdam",
        recipientName: "Sanne",
      });
      expect(other.subject).not.toBe(subject);
    },
  );

  it("formats the due time in the language and time zone given", () => {
    expect(formatDueAt(params.dueAt, "nl", "Europe/Amsterdam")).toMatch(/^woensdag 1 juli 2026 om 10:30 CEST$/);
    expect(formatDueAt(params.dueAt, "en", "Europe/London")).toMatch(/^Wednesday(,)? 1 July 2026 at 09:30 BST$/);
    expect(formatDueAt(params.dueAt, "en", "America/New_York")).toContain("04:30");
  });

  it("says the time in UTC when the time zone is unknown, and leaves a non-date as it is", () => {
    expect(formatDueAt(params.dueAt, "en", "Mars/Olympus_Mons")).toMatch(/08:30 UTC$/);
    expect(formatDueAt("not a date", "nl", "Europe/Amsterdam")).toBe("not a date");
  });

  it("oneLine flattens whitespace and cuts very long text", () => {
    expect(oneLine("  a\r\n\tb  ")).toBe("a b");
    expect(oneLine("x".repeat(300))).toHaveLength(200);
    expect(oneLine("x".repeat(300)).endsWith("…")).toBe(true);
  });
});
