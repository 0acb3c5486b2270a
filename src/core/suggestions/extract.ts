import type { WorkingTimeSettings } from "../working-time.ts";
import { dueContext, isoAt, parseDue } from "./due-time.ts";
import { detectLanguage } from "./language.ts";
import type { Language } from "./lexicon.ts";
import { buildTitle, matchPromise, type PromiseKind, prepare } from "./promise-patterns.ts";
import { capText, splitSentences } from "./sentences.ts";

/**
 * Commitments suggested from pasted text (a meeting note, an e-mail), in Dutch or
 * English, for a person to confirm or edit. Pure: `now` and the working time are
 * passed in.
 *
 * Per sentence (sentences.ts): the language (given, or detected per sentence by a
 * stop-word score, language.ts; other languages are skipped), "is this a promise
 * by us?" (promise-patterns.ts: explicit triggers and vetoes), and only then the
 * due time (due-time.ts: working-time phrases, then chrono-node, in the firm's zone).
 */

export type SuggestionKind = PromiseKind;

export type Suggestion = {
  /** The sentence, as written (without a bullet marker). */
  text: string;
  /** What is promised, short: "plan van aanpak sturen", "send the draft". */
  title: string;
  /** ISO 8601 with the zone's offset (2026-11-27T17:00:00+01:00), or null when the sentence names no time. */
  dueAt: string | null;
  /** False when only a date was said: dueAt is then the end of that working day. */
  dueHasTime: boolean;
  kind: SuggestionKind;
};

export type SuggestOptions = {
  now: Date;
  settings: WorkingTimeSettings;
  /** Every sentence in this language; when absent, detected per sentence. */
  language?: Language | undefined;
};

/** The main language of a text: the most frequent among its sentences that were recognised. */
function mainLanguage(languages: string[]): Language | null {
  let nl = 0;
  let en = 0;
  for (const language of languages) {
    if (language === "nl") nl++;
    else if (language === "en") en++;
  }
  return nl === 0 && en === 0 ? null : nl >= en ? "nl" : "en";
}

/** One sentence; `language` is already decided. */
export function suggestFromSentence(sentence: string, language: Language, context: ReturnType<typeof dueContext>): Suggestion | null {
  const prepared = prepare(sentence, language);
  const match = matchPromise(prepared, language);
  if (!match) return null;
  const due = parseDue(prepared.lower, language, context);
  const title = buildTitle(prepared, match, due.spans, language) || sentence.slice(0, 90);
  return {
    text: sentence,
    title,
    dueAt: due.at ? isoAt(context, due.at) : null,
    dueHasTime: due.at ? due.hasTime : false,
    kind: match.kind,
  };
}

/**
 * The promises by us in `text`, in the order they appear. Reads at most the first
 * 100 KB (see capText; the API says when text was left out). Throws a RangeError
 * when `settings.timeZone` is not a valid IANA zone.
 */
export function suggestCommitments(text: string, options: SuggestOptions): Suggestion[] {
  const context = dueContext(options.now, options.settings);
  const sentences = splitSentences(capText(text).text);
  const detected = options.language ? [] : sentences.map((sentence) => detectLanguage(sentence));
  const fallback = options.language ?? mainLanguage(detected);
  const suggestions: Suggestion[] = [];
  sentences.forEach((sentence, i) => {
    const found = options.language ?? detected[i];
    const language = found === "unknown" ? fallback : found;
    if (language !== "nl" && language !== "en") return;
    const suggestion = suggestFromSentence(sentence, language, context);
    if (suggestion) suggestions.push(suggestion);
  });
  return suggestions;
}
