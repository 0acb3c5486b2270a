/**
 * The server messages of client conduct (error codes of its routes), in both
 * languages; the shared catalogs spread them in (src/i18n/messages.*.ts).
 */
export const clientConductMessagesEn = {
  "client_conduct.in_future": "An observation of the client cannot be dated in the future.",
} as const;

export const clientConductMessagesNl: Record<keyof typeof clientConductMessagesEn, string> = {
  "client_conduct.in_future": "Een waarneming over de klant kan niet in de toekomst liggen.",
};
