/**
 * How people's search input becomes search terms, and how names sort.
 * Pure functions, shared by the clients module and its tests.
 */

const MAX_TERMS = 8;
/** Fewer digits than this is a house number or a year, not (part of) a phone number. */
const MIN_PHONE_DIGITS = 5;

/** A word that could be part of a phone number as people type it: "020-123", "(0)20", "+31". */
const isPhoneLike = (token: string) => /^[0-9+()./-]+$/.test(token) && /[0-9]/.test(token);

/**
 * "De Vries  020-123 4567" → ["de", "vries", "0201234567"]: every term must match.
 * Consecutive phone-like words are one phone number, compared as digits, when
 * they hold at least five digits together; otherwise they stay as typed.
 */
export function searchTerms(query: string | undefined): string[] {
  const words = (query ?? "")
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0);
  const terms = groupPhoneRuns(words).flatMap(termsOf);
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

type Group = { phoneLike: boolean; words: string[] };

/** The words in order, consecutive phone-like words in one group and every other word on its own. */
function groupPhoneRuns(words: string[]): Group[] {
  const groups: Group[] = [];
  for (const word of words) {
    const phoneLike = isPhoneLike(word);
    const last = groups.at(-1);
    if (phoneLike && last?.phoneLike) last.words.push(word);
    else groups.push({ phoneLike, words: [word] });
  }
  return groups;
}

/** A run of phone-like words becomes its digits when it has enough of them; anything else stays as typed. */
function termsOf(group: Group): string[] {
  if (!group.phoneLike) return group.words;
  const digits = group.words.join("").replace(/[^0-9]/g, "");
  return digits.length >= MIN_PHONE_DIGITS ? [digits] : group.words;
}

/** The key clients sort by: case- and accent-insensitive, so "Ézé" sits with "Eze". */
export function sortKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();
}
