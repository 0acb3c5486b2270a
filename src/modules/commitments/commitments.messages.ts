/**
 * The notice a owner sends a client before a promise slips, drafted in the
 * client's language; the owner edits it before it goes out.
 */
export type NoticeInput = {
  language: "nl" | "en";
  timeZone: string;
  contactName: string | null;
  ownerName: string;
  organizationName: string;
  title: string;
  oldDueAt: Date;
  newDueAt: Date;
};

export function formatDueTime(language: "nl" | "en", timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat(language === "nl" ? "nl-NL" : "en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(at);
}

export function draftNotice(input: NoticeInput): { subject: string; text: string } {
  const oldDue = formatDueTime(input.language, input.timeZone, input.oldDueAt);
  const newDue = formatDueTime(input.language, input.timeZone, input.newDueAt);
  if (input.language === "nl") {
    return {
      subject: `Nieuwe termijn: ${input.title}`,
      text: [
        input.contactName ? `Beste ${input.contactName},` : "Geachte heer/mevrouw,",
        "",
        `Ik had u toegezegd: ${input.title}, uiterlijk ${oldDue}.`,
        `Dat ga ik niet halen, en dat laat ik u liever nu weten dan achteraf. Mijn nieuwe voorstel is ${newDue}.`,
        "",
        "Komt dat voor u niet goed uit, laat het mij dan weten; dan zoeken we samen een ander moment.",
        "",
        "Met vriendelijke groet,",
        input.ownerName,
        input.organizationName,
      ].join("\n"),
    };
  }
  return {
    subject: `New date: ${input.title}`,
    text: [
      input.contactName ? `Dear ${input.contactName},` : "Dear Sir or Madam,",
      "",
      `I promised you: ${input.title}, by ${oldDue}.`,
      `I am not going to make that, and I would rather tell you now than afterwards. I propose ${newDue} instead.`,
      "",
      "If that does not suit you, please let me know and we will find another moment together.",
      "",
      "Kind regards,",
      input.ownerName,
      input.organizationName,
    ].join("\n"),
  };
}

/**
 * What the client receives: the sender's own words, quoted inside a fixed
 * frame that names the firm and the person who wrote them, so the message
 * cannot pose as anyone else. Web addresses in the quoted words are written so
 * that mail programs do not turn them into links ("https[:]//", "www[.]").
 */
export function frameClientNotice(input: {
  language: "nl" | "en";
  organizationName: string;
  senderName: string;
  senderEmail: string;
  subject: string;
  text: string;
}): { subject: string; text: string } {
  const quoted = defang(input.text)
    .split(/\r?\n/)
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
  const sender = `${input.senderName} (${input.senderEmail})`;
  if (input.language === "nl") {
    return {
      subject: `${input.organizationName}: ${input.subject}`,
      text: [
        `${sender} van ${input.organizationName} stuurt u dit bericht via Trustledger:`,
        "",
        quoted,
        "",
        "--",
        `Dit bericht is geschreven door ${sender} van ${input.organizationName}. Vragen? Antwoord ${input.senderName} rechtstreeks.`,
        "Webadressen in het bericht staan er als tekst, niet als link.",
      ].join("\n"),
    };
  }
  return {
    subject: `${input.organizationName}: ${input.subject}`,
    text: [
      `${sender} of ${input.organizationName} sends you this message through Trustledger:`,
      "",
      quoted,
      "",
      "--",
      `This message was written by ${sender} of ${input.organizationName}. Questions? Reply to ${input.senderName} directly.`,
      "Web addresses in the message are shown as text, not as links.",
    ].join("\n"),
  };
}

/** Web addresses as text that no mail program makes clickable. */
export function defang(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]{1,15}):\/\//gi, "$1[:]//")
    .replace(/\bwww\./gi, "www[.]")
    .replace(/\b(mailto|tel|sms|data|javascript):/gi, "$1[:]");
}
