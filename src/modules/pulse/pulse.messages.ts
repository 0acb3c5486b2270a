/** The pulse's server messages and the e-mail that carries a pulse link, in both languages. */
export const pulseMessagesEn = {
  "pulse.not_found": "This survey link does not work (any more). Ask your adviser for a new one.",
  "pulse.too_soon": "{name} was asked less than {days} days ago (last on {last}). Ask again later.",
  "pulse.contact_not_of_client": "This contact does not belong to this client.",
  "pulse.no_email": "This contact has no e-mail address: copy the link and send it yourself.",
  "pulse.team_already_answered": "You already said how it feels this quarter. Thank you!",
} as const;

export const pulseMessagesNl: Record<keyof typeof pulseMessagesEn, string> = {
  "pulse.not_found": "Deze enquêtelink werkt niet (meer). Vraag uw adviseur om een nieuwe.",
  "pulse.too_soon": "{name} is minder dan {days} dagen geleden gevraagd (laatst op {last}). Vraag het later opnieuw.",
  "pulse.contact_not_of_client": "Dit contact hoort niet bij deze klant.",
  "pulse.no_email": "Dit contact heeft geen e-mailadres: kopieer de link en stuur hem zelf.",
  "pulse.team_already_answered": "U heeft dit kwartaal al aangegeven hoe het voelt. Dank u!",
};

export function pulseEmail(language: "nl" | "en", input: { organizationName: string; contactName: string; url: string; days: number }) {
  if (language === "nl") {
    return {
      subject: `Vier korte vragen van ${input.organizationName}`,
      text: `Beste ${input.contactName},\n\nHoe ervaart u de samenwerking met ${input.organizationName}? Vier vragen, een minuut, op uw telefoon:\n\n${input.url}\n\nDe link is ${input.days} dagen geldig en alleen voor u bedoeld.\n\nMet vriendelijke groet,\n${input.organizationName}`,
    };
  }
  return {
    subject: `Four short questions from ${input.organizationName}`,
    text: `Dear ${input.contactName},\n\nHow is working with ${input.organizationName} for you? Four questions, one minute, on your phone:\n\n${input.url}\n\nThe link works for ${input.days} days and is meant for you alone.\n\nKind regards,\n${input.organizationName}`,
  };
}
