/**
 * Does an expert's topic match what the front desk typed? Routing must not
 * miss an expert over spelling: case, accents, hyphens and simple plural
 * forms (Dutch and English: -s, -es, -en, -n, -'s) are ignored, and a
 * partial word still matches while it is being typed ("loon" finds
 * "loonbelasting").
 */

const PLURAL_ENDINGS = ["s", "es", "en", "n"] as const;
const MIN_STEM = 3;

/** Lower case, accents and apostrophes removed, split into words. */
export function topicWords(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The word itself and, when it may be a plural, what it is without the ending. */
function forms(word: string): string[] {
  const stems = PLURAL_ENDINGS.filter((end) => word.endsWith(end) && word.length - end.length >= MIN_STEM).map((end) =>
    word.slice(0, -end.length),
  );
  return [word, ...stems];
}

function wordMatches(typed: string, listed: string): boolean {
  if (listed.includes(typed)) return true;
  // "aangiftes" typed, "aangifte" listed; "pensions" typed, "pension" listed.
  return forms(typed).some((form) => form.length >= MIN_STEM && (listed.includes(form) || forms(listed).includes(form)));
}

/** Every typed word is found in a word of the topic. An empty query matches nothing. */
export function topicMatches(query: string, topic: string): boolean {
  const typed = topicWords(query);
  const listed = topicWords(topic);
  if (typed.length === 0) return false;
  return typed.every((word) => listed.some((candidate) => wordMatches(word, candidate)));
}
