import { type Suggestion, suggestCommitments } from "../../src/core/suggestions/extract.ts";
import { DEFAULT_WORKING_TIME, type WorkingTimeSettings } from "../../src/core/working-time.ts";
import { type LabelledSentence, NOW, TIME_ZONE } from "./sentences.ts";

/**
 * Scores the extractor on a labelled set, one sentence at a time (each sentence is
 * given as the whole text, the language detected as in the product):
 * - precision: suggested and truly a promise by us / suggested;
 * - recall: truly promises that were suggested / all promises (Dutch and English only:
 *   German and French sentences count only as possible false suggestions);
 * - due accuracy: among true promises suggested, the local due date equals the label, and so
 *   does the local time when the label has one (with dueHasTime); a label without a due time
 *   expects dueAt null.
 */
export type Outcome = {
  sentence: LabelledSentence;
  suggestion: Suggestion | undefined;
  verdict: "true positive" | "false positive" | "false negative" | "true negative";
  dueCorrect: boolean | null;
};
export type Score = {
  sentences: number;
  promises: number;
  suggested: number;
  truePositives: number;
  precision: number;
  recall: number;
  dueAccuracy: number;
  outcomes: Outcome[];
};

export const SETTINGS: WorkingTimeSettings = { ...DEFAULT_WORKING_TIME, timeZone: TIME_ZONE };
export const REFERENCE_NOW = new Date(NOW);

export function dueMatches(suggestion: Suggestion, sentence: LabelledSentence): boolean {
  if (sentence.due === null) return suggestion.dueAt === null;
  if (suggestion.dueAt === null || suggestion.dueAt.slice(0, 10) !== sentence.due) return false;
  return sentence.time === null || (suggestion.dueHasTime && suggestion.dueAt.slice(11, 16) === sentence.time);
}

export function score(set: readonly LabelledSentence[]): Score {
  const outcomes: Outcome[] = set.map((sentence) => {
    const [suggestion] = suggestCommitments(sentence.text, { now: REFERENCE_NOW, settings: SETTINGS });
    const isPromise = sentence.promise && (sentence.lang === "nl" || sentence.lang === "en");
    const verdict = suggestion ? (isPromise ? "true positive" : "false positive") : isPromise ? "false negative" : "true negative";
    return {
      sentence,
      suggestion,
      verdict,
      dueCorrect: verdict === "true positive" && suggestion ? dueMatches(suggestion, sentence) : null,
    };
  });
  const count = (verdict: Outcome["verdict"]) => outcomes.filter((outcome) => outcome.verdict === verdict).length;
  const truePositives = count("true positive");
  const suggested = truePositives + count("false positive");
  const promises = truePositives + count("false negative");
  return {
    sentences: set.length,
    promises,
    suggested,
    truePositives,
    precision: suggested === 0 ? 1 : truePositives / suggested,
    recall: promises === 0 ? 1 : truePositives / promises,
    dueAccuracy: truePositives === 0 ? 1 : outcomes.filter((outcome) => outcome.dueCorrect).length / truePositives,
    outcomes,
  };
}

/** One line per sentence the extractor got wrong, for a report or a failing test. */
export function mistakes(result: Score): string[] {
  return result.outcomes
    .filter((outcome) => outcome.verdict === "false positive" || outcome.verdict === "false negative" || outcome.dueCorrect === false)
    .map((outcome) => {
      const { sentence, suggestion } = outcome;
      const what = outcome.dueCorrect === false ? "wrong due" : outcome.verdict;
      const got = suggestion ? ` → ${suggestion.dueAt ?? "no due"} "${suggestion.title}"` : "";
      const want = sentence.promise ? ` (expected ${sentence.due ?? "no due"}${sentence.time ? ` ${sentence.time}` : ""})` : "";
      return `${what}: ${sentence.text}${got}${want}`;
    });
}
