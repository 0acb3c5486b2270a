import type { Role } from "../../core/roles.ts";
import { formatDueAt, oneLine } from "../notifications/notifications.templates.ts";

type Language = "nl" | "en";

const ROLES: Record<Language, Record<Role, string>> = {
  nl: { admin: "beheerder", lead: "teamleider", advisor: "adviseur", frontdesk: "receptie" },
  en: { admin: "administrator", lead: "team lead", advisor: "advisor", frontdesk: "front desk" },
};

/** The e-mail that brings an invited colleague to the accept page, in the organization's language. */
export function renderInvitationEmail(input: {
  language: Language;
  timeZone: string;
  inviterName: string;
  organizationName: string;
  role: Role;
  link: string;
  expiresAt: Date;
}): { subject: string; text: string } {
  const inviter = oneLine(input.inviterName, 200);
  const organization = oneLine(input.organizationName, 200);
  const role = ROLES[input.language][input.role];
  const until = formatDueAt(input.expiresAt.toISOString(), input.language, input.timeZone);
  if (input.language === "nl") {
    return {
      subject: oneLine(`${inviter} nodigt u uit voor ${organization} in Trustledger`),
      text: [
        "Goedendag,",
        "",
        `${inviter} nodigt u uit om als ${role} mee te doen met ${organization} in Trustledger.`,
        "",
        `Neem de uitnodiging aan via deze link (geldig tot ${until}):`,
        input.link,
        "",
        "Verwachtte u deze uitnodiging niet? Dan kunt u dit bericht negeren.",
        "",
        "-- ",
        "Trustledger",
        "",
      ].join("\n"),
    };
  }
  return {
    subject: oneLine(`${inviter} invites you to ${organization} on Trustledger`),
    text: [
      "Hello,",
      "",
      `${inviter} invites you to join ${organization} on Trustledger as ${role}.`,
      "",
      `Accept the invitation with this link (valid until ${until}):`,
      input.link,
      "",
      "Not expecting this invitation? Then you can ignore this message.",
      "",
      "-- ",
      "Trustledger",
      "",
    ].join("\n"),
  };
}
