/**
 * The drafted message to a client about our error, in Dutch or English, built
 * from the error's own fields: what happened, what we do about it, and an
 * apology without excuses. The user edits it before it goes out.
 */
export type DraftLanguage = "nl" | "en";

export type DraftInput = {
  clientName: string;
  title: string;
  description: string | null;
  remedy: string | null;
  discoveredOn: string;
  senderName: string;
  senderOrganization: string;
};

const clean = (text: string | null) => (text ?? "").trim();

export function disclosureDraft(language: DraftLanguage, input: DraftInput): { subject: string; message: string } {
  const what = clean(input.description) || input.title;
  const remedy = clean(input.remedy);
  if (language === "nl") {
    return {
      subject: `Een fout van onze kant: ${input.title}`,
      message: [
        `Beste ${input.clientName},`,
        "",
        `Op ${input.discoveredOn} ontdekten wij een fout van onze kant die u raakt: ${what}`,
        "",
        remedy
          ? `Wat wij eraan doen: ${remedy}`
          : "Wij zoeken uit hoe wij dit herstellen en laten u zo snel mogelijk weten wat wij eraan doen.",
        "",
        "Het spijt ons. U hoort het liever meteen van ons dan later van een ander, en daarom melden wij het u nu. Hebt u vragen, bel of mail mij gerust.",
        "",
        "Met vriendelijke groet,",
        input.senderName,
        input.senderOrganization,
      ].join("\n"),
    };
  }
  return {
    subject: `An error on our side: ${input.title}`,
    message: [
      `Dear ${input.clientName},`,
      "",
      `On ${input.discoveredOn} we discovered an error on our side that affects you: ${what}`,
      "",
      remedy
        ? `What we are doing about it: ${remedy}`
        : "We are working out how to put it right and will tell you as soon as we know what we will do.",
      "",
      "We are sorry. You would rather hear it from us straight away than later from someone else, which is why we are telling you now. If you have any questions, please call or e-mail me.",
      "",
      "Kind regards,",
      input.senderName,
      input.senderOrganization,
    ].join("\n"),
  };
}
