/**
 * Cutting pasted text (a meeting note, an e-mail) into sentences.
 *
 * - Every line is its own unit when it is a bullet ("-", "*", "•", "1.", "a)") or when the
 *   previous line ended a sentence; a line that continues a wrapped sentence (the previous
 *   line has no closing punctuation and this one starts in lower case) is joined to it.
 * - Within a unit, a sentence ends at ".", "!" or "?" (and "…") followed by white space and
 *   then an upper-case letter, a digit, a quote or a bullet — except after abbreviations
 *   ("dhr.", "bijv.", "e.g.", "a.s.", single letters) and inside numbers (15.30, 1.000).
 * - The bullet marker is dropped; the sentence keeps its own words exactly. Text pasted as HTML
 *   source loses its tags first (block tags end a line).
 * - Text without punctuation is cut into pieces of at most MAX_SENTENCE_LENGTH characters (at a comma
 *   or a space), so that no "sentence" is ever long enough to make a rule slow.
 */

/** The extractor reads at most this much text (UTF-8 bytes); the rest is left out and the caller is told. */
export const MAX_TEXT_BYTES = 100 * 1024;

/** The first MAX_TEXT_BYTES of `text`, cut at a character boundary (and preferably at a line or sentence end). */
export function capText(text: string): { text: string; truncated: boolean } {
  // A UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4).
  if (text.length * 3 <= MAX_TEXT_BYTES) return { text, truncated: false };
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (bytes + size > MAX_TEXT_BYTES) break;
    bytes += size;
    end += char.length;
  }
  if (end === text.length) return { text, truncated: false };
  let cut = text.slice(0, end);
  // Do not hand the extractor half a sentence when a boundary is near.
  const boundary = Math.max(cut.lastIndexOf("\n"), cut.lastIndexOf(". "), cut.lastIndexOf("? "), cut.lastIndexOf("! "));
  if (boundary > end - 2000) cut = cut.slice(0, boundary + 1);
  return { text: cut, truncated: true };
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

const BULLET = /^\s*(?:[-*•▪◦–—>]+|\d{1,3}[.)]|[a-z][.)]|\[[ x]?\])\s+/i;
const ABBREVIATIONS = new Set([
  "dhr",
  "mevr",
  "mw",
  "hr",
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "ir",
  "drs",
  "mr",
  "bijv",
  "bv",
  "b.v",
  "e.g",
  "i.e",
  "etc",
  "ca",
  "nr",
  "no",
  "tel",
  "vs",
  "incl",
  "excl",
  "o.a",
  "a.s",
  "t.a.v",
  "m.b.t",
  "z.s.m",
  "i.p.v",
  "d.w.z",
  "n.a.v",
  "m.i.v",
  "jl",
  "st",
  "jan",
  "feb",
  "aug",
  "sept",
  "okt",
  "oct",
  "nov",
  "dec",
  "approx",
  "corp",
  "inc",
  "ltd",
]);

/** Split one line (or joined paragraph) at sentence ends. */
function splitUnit(unit: string, out: string[]): void {
  let start = 0;
  const ends = /[.!?…]+["')\]]*(?=\s+["'([]?[\p{Lu}\d•\-*])/gu;
  for (let match = ends.exec(unit); match; match = ends.exec(unit)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith(".") && match[0].length === 1) {
      const before = /([\p{L}.]+)$/u.exec(unit.slice(start, match.index))?.[1]?.toLowerCase() ?? "";
      if (before.length === 1 || ABBREVIATIONS.has(before) || ABBREVIATIONS.has(before.replace(/\.$/, ""))) continue;
    }
    push(unit.slice(start, end), out);
    start = end;
  }
  push(unit.slice(start), out);
}

/** Longer than this is not one sentence but text without punctuation: it is cut into pieces of at most this size. */
export const MAX_SENTENCE_LENGTH = 600;

function push(sentence: string, out: string[]): void {
  let rest = sentence.trim();
  while (rest.length > MAX_SENTENCE_LENGTH) {
    const window = rest.slice(0, MAX_SENTENCE_LENGTH);
    const comma = window.lastIndexOf(", ");
    const space = window.lastIndexOf(" ");
    const cut = comma > MAX_SENTENCE_LENGTH / 2 ? comma + 1 : space > MAX_SENTENCE_LENGTH / 2 ? space : MAX_SENTENCE_LENGTH;
    pushOne(rest.slice(0, cut), out);
    rest = rest.slice(cut).trim();
  }
  pushOne(rest, out);
}

function pushOne(sentence: string, out: string[]): void {
  const trimmed = sentence.trim();
  if (/[\p{L}]/u.test(trimmed)) out.push(trimmed);
}

const BLOCK_TAG = /<\/?(?:p|br|div|li|ul|ol|tr|td|th|h[1-6]|blockquote|table|section)\b[^>]{0,200}>/gi;
const ANY_TAG = /<\/?[a-z][^<>]{0,200}>/gi;
const ENTITIES: Record<string, string> = {
  "&nbsp;": " ",
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&apos;": "'",
};

/** E-mail pasted as HTML source: block tags become line ends, other tags disappear. */
function plainText(text: string): string {
  if (!/<\/?[a-z][^<>]*>/i.test(text)) return text;
  return text
    .replace(BLOCK_TAG, "\n")
    .replace(ANY_TAG, "")
    .replace(/&(?:nbsp|amp|lt|gt|quot|apos|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

export function splitSentences(text: string): string[] {
  const units: string[] = [];
  let current = "";
  for (const rawLine of plainText(text).split(/\r\n|\r|\n/)) {
    const line = rawLine.trim();
    if (line === "") {
      if (current) units.push(current);
      current = "";
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      if (current) units.push(current);
      current = line.slice(bullet[0].length);
      continue;
    }
    const continues = current !== "" && !/[.!?…:;]["')\]]*$/.test(current) && /^[\p{Ll}\d(]/u.test(line);
    if (continues) current = `${current} ${line}`;
    else {
      if (current) units.push(current);
      current = line;
    }
  }
  if (current) units.push(current);
  const sentences: string[] = [];
  for (const unit of units) splitUnit(unit, sentences);
  return sentences;
}
