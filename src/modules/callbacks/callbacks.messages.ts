/** The sentence the front desk reads to the caller, and the confirmation e-mail, in nl and en. */
function dueWords(language: "nl" | "en", timeZone: string, at: Date) {
  const locale = language === "nl" ? "nl-NL" : "en-GB";
  const date = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", timeZone }).format(at);
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hour12: false, timeZone }).format(at);
  return `${date} ${time}`;
}

export function callbackSentence(language: "nl" | "en", timeZone: string, dueAt: Date, expertName: string): string {
  const when = dueWords(language, timeZone, dueAt);
  return language === "nl"
    ? `U wordt vóór ${when} teruggebeld door ${expertName}.`
    : `You will be called back before ${when} by ${expertName}.`;
}

export function confirmationEmail(input: {
  language: "nl" | "en";
  timeZone: string;
  dueAt: Date;
  expertName: string;
  callerName: string;
  question: string;
  organizationName: string;
}): { subject: string; text: string } {
  const sentence = callbackSentence(input.language, input.timeZone, input.dueAt, input.expertName);
  if (input.language === "nl") {
    return {
      subject: `Wij bellen u terug — ${input.organizationName}`,
      text: [
        `Beste ${input.callerName},`,
        "",
        "Dank voor uw telefoontje. Uw vraag, zoals wij die hebben genoteerd:",
        `"${input.question}"`,
        "",
        sentence,
        "",
        "Met vriendelijke groet,",
        input.organizationName,
      ].join("\n"),
    };
  }
  return {
    subject: `We will call you back — ${input.organizationName}`,
    text: [
      `Dear ${input.callerName},`,
      "",
      "Thank you for your call. Your question, as we noted it:",
      `"${input.question}"`,
      "",
      sentence,
      "",
      "Kind regards,",
      input.organizationName,
    ].join("\n"),
  };
}
