import { describe, expect, it } from "vitest";
import { renderInvitationEmail } from "./organizations.invitation-email.ts";

const input = {
  timeZone: "Europe/Amsterdam",
  inviterName: "Sanne de Wit",
  organizationName: "Van Dijk & De Wit",
  role: "frontdesk" as const,
  link: "https://trustledger.example/invite/abc123",
  expiresAt: new Date("2026-11-30T13:00:00Z"),
};

describe("the invitation e-mail", () => {
  it("in English: who invites, to what, as what, the link on a line of its own and until when", () => {
    const { subject, text } = renderInvitationEmail({ ...input, language: "en" });
    expect(subject).toBe("Sanne de Wit invites you to Van Dijk & De Wit on Trustledger");
    expect(text).toContain("join Van Dijk & De Wit on Trustledger as front desk.");
    expect(text.split("\n")).toContain("https://trustledger.example/invite/abc123");
    expect(text).toContain("valid until Monday, 30 November 2026 at 14:00 CET");
  });

  it("in Dutch, with the date in Dutch", () => {
    const { subject, text } = renderInvitationEmail({ ...input, language: "nl", role: "lead" });
    expect(subject).toBe("Sanne de Wit nodigt u uit voor Van Dijk & De Wit in Trustledger");
    expect(text).toContain("als teamleider mee te doen");
    expect(text).toContain("geldig tot maandag 30 november 2026 om 14:00 CET");
  });

  it("keeps a subject on one line whatever the names hold", () => {
    const { subject } = renderInvitationEmail({ ...input, language: "en", organizationName: "Two\nLines" });
    expect(subject).not.toMatch(/\n/);
  });
});
