/**
 * Which language is a sentence in? A stop-word score: each language scores one
 * point per word of the sentence on its list (function words, and the words of
 * dates and promises that differ between the languages). The highest score wins;
 * German and French are recognised only so that their sentences are left alone.
 * No hit at all: unknown (the caller falls back to the text's main language).
 */
export type DetectedLanguage = "nl" | "en" | "de" | "fr" | "unknown";

const WORDS: Record<Exclude<DetectedLanguage, "unknown">, string> = {
  nl: `de het een en van ik je jij u uw we wij ons onze is zijn niet geen dat die dit deze met voor vóór op aan bij naar om te ook nog
    maar als dan er heeft hebt hebben heb wordt worden zal zullen kunt kan kunnen morgen vandaag gisteren vrijdag maandag dinsdag woensdag
    donderdag graag bedankt binnen uiterlijk werkdagen werkdag volgende vorige stuur sturen stuurt bel bellen belt jullie hij zij wat hoe
    wanneer al wel over tot uit mij ontvangt krijgt eind einde maand hierbij zoals besproken afspraak overleg terug toe langs
    ochtend middag uur overmorgen wilt zou klant offerte stukken`,
  en: `the a an and of i you your we our us is are be will to for with on at by in this that it not have has from please thank
    thanks tomorrow today yesterday friday monday tuesday wednesday thursday send call within week get let me my would could can
    i'll we'll you'll i'm we're won't don't can't shall going as discussed soon back after before end month working business days
    client invoice report draft meeting`,
  de: `der die das und ich wir sie ihnen ihr nicht mit zu bis den dem des ein eine einen ist sind für von auf am im bitte danke
    schicken wurde werden uns unsere können heute woche letzte zurück gespräch vielen rechnung bericht unterlagen freitag montag
    dienstag mittwoch donnerstag`,
  fr: `le la les du des et je nous vous un une pour avec est sont pas ce cette demain merci à au aux sur par envoyé enverrons
    rappelle réunion semaine matin dernière facture rapport pouvez-vous m'envoyer avant midi vendredi lundi notre votre`,
};

/** Word → the languages that have it, as bits in ORDER. */
const ORDER = ["nl", "en", "de", "fr"] as const;
const BITS = new Map<string, number>();
ORDER.forEach((language, bit) => {
  for (const word of WORDS[language].split(/\s+/)) if (word) BITS.set(word, (BITS.get(word) ?? 0) | (1 << bit));
});
const WORD = /[\p{L}'’-]+/gu;

export function detectLanguage(sentence: string): DetectedLanguage {
  const scores = [0, 0, 0, 0];
  const lower = sentence.toLowerCase();
  WORD.lastIndex = 0;
  for (let match = WORD.exec(lower); match; match = WORD.exec(lower)) {
    const bits = BITS.get(match[0].includes("’") ? match[0].replace(/’/g, "'") : match[0]);
    if (bits === undefined) continue;
    for (let bit = 0; bit < 4; bit++) if (bits & (1 << bit)) (scores[bit] as number)++;
  }
  if (lower.includes("ij")) (scores[0] as number) += 0.5;
  if (/[ßäü]/.test(lower)) (scores[2] as number) += 1;
  if (/[çèêà]|\b[jlmnst]'/.test(lower)) (scores[3] as number) += 1;
  let best: DetectedLanguage = "unknown";
  let bestScore = 0;
  ORDER.forEach((language, bit) => {
    if ((scores[bit] as number) > bestScore) {
      best = language;
      bestScore = scores[bit] as number;
    }
  });
  return best;
}
