/**
 * The server messages of errors and disclosure (error codes of its routes), in
 * both languages; the shared catalogs spread them in (src/i18n/messages.*.ts).
 */
export const incidentsMessagesEn = {
  "incidents.not_found": "This error does not exist or you have no access to it.",
  "incidents.in_future": "An error cannot be discovered in the future.",
  "incidents.client_not_affected": "This client is not one of the clients the error touches.",
  "incidents.disclosed_before_discovery": "A client cannot have been told before the error was discovered.",
  "incidents.disclosed_in_future": "A disclosure cannot be dated in the future.",
  "incidents.already_disclosed": "This client has already been told about the error.",
  "incidents.already_settled": "This client has already been told, or not telling them was approved.",
  "incidents.non_disclosure_not_found": "This proposal not to tell the client does not exist.",
  "incidents.non_disclosure_already_approved": "This proposal has already been approved.",
  "incidents.approve_own_proposal": "A second person approves: you cannot approve your own proposal.",
  "incidents.approve_needs_lead": "Only a team lead or an administrator can approve not telling a client.",
} as const;

export const incidentsMessagesNl: Record<keyof typeof incidentsMessagesEn, string> = {
  "incidents.not_found": "Deze fout bestaat niet of u hebt er geen toegang toe.",
  "incidents.in_future": "Een fout kan niet in de toekomst ontdekt zijn.",
  "incidents.client_not_affected": "Deze klant hoort niet bij de klanten die de fout raakt.",
  "incidents.disclosed_before_discovery": "Een klant kan niet ingelicht zijn voordat de fout ontdekt was.",
  "incidents.disclosed_in_future": "Een melding kan niet in de toekomst liggen.",
  "incidents.already_disclosed": "Deze klant is al over de fout ingelicht.",
  "incidents.already_settled": "Deze klant is al ingelicht, of het niet melden is al goedgekeurd.",
  "incidents.non_disclosure_not_found": "Dit voorstel om de klant niet in te lichten bestaat niet.",
  "incidents.non_disclosure_already_approved": "Dit voorstel is al goedgekeurd.",
  "incidents.approve_own_proposal": "Een tweede persoon keurt goed: u kunt uw eigen voorstel niet goedkeuren.",
  "incidents.approve_needs_lead": "Alleen een teamleider of beheerder kan goedkeuren dat een klant niet wordt ingelicht.",
};
