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
