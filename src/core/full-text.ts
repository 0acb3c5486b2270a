/**
 * Full-text search input and output, pure: what people type becomes plain
 * words (never query syntax), and the marked-up snippet PostgreSQL returns
 * becomes text plus the ranges to highlight.
 */

export const MAX_QUERY_LENGTH = 200;
export const MAX_WORDS = 8;
/** Shorter words say too little to search on while typing ("a", "e"). */
export const MIN_WORD_LENGTH = 2;
/** PostgreSQL's parser takes words up to 2047 bytes; nobody searches for longer ones. */
const MAX_WORD_LENGTH = 100;

/**
 * "Offertes & 'Cécile' (jan)!" → ["offertes", "cécile", "jan"]. Only letters,
 * combining marks and digits make a word, so tsquery operators and quotes
 * (& | ! ( ) : * ' " \ < >) are separators and can never reach a query as
 * syntax. Duplicates and words shorter than MIN_WORD_LENGTH are dropped.
 */
export function fullTextWords(query: string): string[] {
  const words = query
    .normalize("NFC")
    .toLowerCase()
    .match(/[\p{L}\p{M}\p{N}]+/gu);
  const kept = (words ?? []).filter((word) => [...word].length >= MIN_WORD_LENGTH).map((word) => word.slice(0, MAX_WORD_LENGTH));
  return [...new Set(kept)].slice(0, MAX_WORDS);
}

/** Words this long or longer count as the start of a word; shorter ones ("de", "vo") only as themselves. */
export const MIN_PREFIX_LENGTH = 3;

export const isPrefix = (word: string): boolean => [...word].length >= MIN_PREFIX_LENGTH;

/** The term of one word for to_tsquery: quoted, as a prefix when long enough. Safe because the word holds no quote or backslash. */
export function prefixTerm(word: string): string {
  if (!/^[\p{L}\p{M}\p{N}]+$/u.test(word)) throw new Error("not a search word");
  return isPrefix(word) ? `'${word}':*` : `'${word}'`;
}

/** The marks ts_headline puts around a match: private-use characters, removed from the text beforehand. */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_STOP = "\uE001";

export type Highlight = { start: number; end: number };

/**
 * "Een \uE000offerte\uE001 sturen" → { text: "Een offerte sturen", highlights: [{ start: 4, end: 11 }] }.
 * Offsets count UTF-16 code units (JavaScript string indexes).
 */
export function splitHighlights(marked: string): { text: string; highlights: Highlight[] } {
  let text = "";
  const highlights: Highlight[] = [];
  let start: number | undefined;
  for (const char of marked) {
    if (char === HIGHLIGHT_START) start = text.length;
    else if (char === HIGHLIGHT_STOP) {
      if (start !== undefined && text.length > start) {
        const previous = highlights.at(-1);
        // Adjacent marks ("btw-aangifte" marked per part) read as one.
        if (previous && previous.end === start) previous.end = text.length;
        else highlights.push({ start, end: text.length });
      }
      start = undefined;
    } else text += char;
  }
  return { text, highlights };
}
