/**
 * Texts of "Errors" (our errors and how each client was told), both languages;
 * the shared catalogs (web/src/i18n/en.ts, nl.ts) spread them in.
 */
export const incidentsEn = {
  "notifications.kind.incident.escalated_to_lead": "Not yet told to {client}: our error “{title}” (the policy's deadline was {due}).",
  "notifications.kind.incident.escalated_to_admins": "Still not told to {client}: our error “{title}” (the policy's deadline was {due}).",
} as const;

export const incidentsNl: Record<keyof typeof incidentsEn, string> = {
  "notifications.kind.incident.escalated_to_lead": "Nog niet gemeld aan {client}: onze fout “{title}” (de termijn liep af {due}).",
  "notifications.kind.incident.escalated_to_admins": "Nog steeds niet gemeld aan {client}: onze fout “{title}” (de termijn liep af {due}).",
};
