import { EN_ACTION_VERBS, EN_ADVERBS, type Language, NL_ACTION_VERBS, NL_FUTURE_AUX, NL_PARTICLES, NL_PAST_FORMS } from "./lexicon.ts";

/**
 * "Is this sentence a promise BY US?" — explicit rules, per language.
 *
 * A sentence is a promise when one of its clauses has a TRIGGER and neither the
 * sentence nor that clause has a VETO.
 *
 * Triggers (Dutch):
 *  - first-person subject next to a finite verb of doing something for the client, in either
 *    order (Dutch puts the verb second): "ik stuur", "wij leveren", "vrijdag bel ik", "sturen wij";
 *    or next to a future auxiliary with such an infinitive later in the clause ("we zullen … versturen",
 *    "ik ga … indienen"); "ik beloof", "ik zorg (ervoor) dat";
 *  - a colleague or our team as the subject: "collega Pieters belt", "ons team stuurt";
 *  - "u ontvangt / krijgt / hoort" (either order) with a time or "van ons/mij"; "u heeft/hebt" with
 *    "van ons/mij", "terug" or "in uw mailbox";
 *  - an action item: "Actie Jan: offerte sturen", "AP: …", "TODO: …" with an action verb.
 * Triggers (English):
 *  - "I / we / our team / my colleague X" + will, shall, 'll, am/are/is going to + an action verb
 *    (adverbs in between allowed); "will be in touch"; "will have … ready / with you";
 *  - "I/we promise to", "let me" + action verb (not "let me know");
 *  - "you will receive / get / have / hear" with a time or "from us";
 *    "Expect our/the …" at the start of a clause;
 *  - "I am / we are" + the -ing form of an action verb, with a time ("we're sending it on Friday");
 *  - a clause starting with "will/shall" + action verb (notes: "Will send the overview tomorrow");
 *  - an action item, as in Dutch.
 * Vetoes (whole sentence):
 *  - a question: ends with "?", or starts with an auxiliary and a subject ("Kunt u", "Could you", "Shall we");
 *  - a condition on the client or on us: starts with als/indien/mits/mocht/if/in case/should you/provided,
 *    or has "als u", "if you" … ("unless" is not a veto: "unless we hear from you, we will …" is a promise);
 *  - the client's wish or request: "… wil dat wij …", "vraagt ons", "wants us to", "would like us to",
 *    "asked us to", sentences starting with please/graag/gelieve/kindly; a proposal ("laten we …", "let's …").
 * Vetoes (the clause of the trigger):
 *  - negation: niet, geen, nooit, not, n't, never, no longer, unable;
 *  - hedges: misschien, wellicht, hopelijk, might, may, maybe, perhaps, possibly;
 *  - the past: gisteren, vorige week, afgelopen …, geleden, yesterday, last week/…, ago, already,
 *    and a first-person subject with a past form ("ik heb", "wij hadden", "ik stuurde", "we sent",
 *    "we have received");
 *  - habit, not a promise: meestal, altijd, vaak, doorgaans, usually, always, often, normally, every.
 */

export type PromiseKind = "callback" | "deliverable" | "meeting" | "other";

/** A sentence prepared once: the words as written (contractions expanded in English) and in lower case, same length. */
export type Prepared = { original: string; words: string; lower: string };

export type PromiseMatch = {
  kind: PromiseKind;
  /** Where the promised action starts in `lower` (its verb, or its object after "you will receive"). */
  start: number;
  /** Where the clause of the promise ends in `lower`. */
  end: number;
  /** The verb to put in the title, as an infinitive ("sturen", "send"); for Dutch, at the end of the title. */
  verb: string;
  /** "you will receive X": the title is "send X" / "X sturen". */
  receive: boolean;
  /** The Dutch finite verb and subject, left out of the title. */
  skip: [number, number][];
  /** Dutch "Het advies krijgt u": where the object before the verb is. */
  before?: [number, number];
};

const EN_CONTRACTIONS: [RegExp, string][] = [
  [/\b(i|we|you|they|he|she|it)['’]ll\b/gi, "$1 will"],
  [/\bwon['’]t\b/gi, "will not"],
  [/\bshan['’]t\b/gi, "shall not"],
  [/\bcan['’]t\b/gi, "can not"],
  [/\b(\w+)n['’]t\b/gi, "$1 not"],
  [/\bi['’]m\b/gi, "I am"],
  [/\b(we|you|they)['’]re\b/gi, "$1 are"],
  [/\b(i|we|you|they)['’]ve\b/gi, "$1 have"],
  [/\b(i|we|you|they)['’]d\b/gi, "$1 would"],
  [/\blet['’]s\b/gi, "let us"],
  [/\b(?:try|trying|aim|aiming|plan|planning|intend|intending|need|hope) to\s+/gi, ""],
  [/\bbe (able|happy|glad|pleased) to\s+/gi, ""],
];

export function prepare(sentence: string, language: Language): Prepared {
  let words = sentence.replace(/[’‘]/g, "'");
  if (language === "en") for (const [pattern, replacement] of EN_CONTRACTIONS) words = words.replace(pattern, replacement);
  let lower = words.toLowerCase();
  // Lower-casing keeps the length for everything but a few letters (İ); keep both in step.
  if (lower.length !== words.length) words = lower;
  lower = lower.replace(/\s/g, " ");
  return { original: sentence, words, lower };
}

// ---------------------------------------------------------------------------
// Shared shapes

type Token = { word: string; index: number; end: number };
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'-]*/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) tokens.push({ word: match[0], index: match.index, end: match.index + match[0].length });
  return tokens;
}

/** Clauses: split at ; : , and before "but/maar"; a sentence-ending mark ends the last one. */
function clauses(lower: string): [number, number][] {
  const result: [number, number][] = [];
  let start = 0;
  const separators = /[;,]\s|:\s|\s(?:but|maar|however|echter)\s/g;
  for (let match = separators.exec(lower); match; match = separators.exec(lower)) {
    result.push([start, match.index]);
    start = match.index + match[0].length;
  }
  result.push([start, lower.length]);
  return result;
}

const TIME_HINT =
  /\d|\b(?:vandaag|morgen|overmorgen|vanmiddag|vanochtend|vanavond|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|week|maand|jaar|werkdag|werkdagen|werkuren|uur|uiterlijk|binnen|straks|today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|noon|midday|within|by|before|morning|afternoon|evening|hour|hours|days?)\b|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|june|july|august|october/;

const ACTION_ITEM = /^\s*(?:actie(?:punt)?|ap|todo|to do|to-do|action(?: item| point)?|follow[- ]up)\b[^:]{0,40}:\s*(?<rest>.+)$/;

// ---------------------------------------------------------------------------
// Dutch

const NL_STEMS = new Map<string, string>(); // finite form → infinitive
const NL_STEM_IK = new Set<string>();
const NL_PLURAL = new Set<string>();
const NL_THIRD = new Set<string>();
for (const [stem, plural, third] of NL_ACTION_VERBS) {
  NL_STEM_IK.add(stem);
  NL_PLURAL.add(plural);
  NL_THIRD.add(third);
  NL_STEMS.set(stem, plural);
  NL_STEMS.set(plural, plural);
  NL_STEMS.set(third, plural);
}
const NL_AUX_IK = new Set(NL_FUTURE_AUX.map(([stem]) => stem));
const NL_AUX_PLURAL = new Set(NL_FUTURE_AUX.map(([, plural]) => plural));
const NL_AUX_THIRD = new Set(NL_FUTURE_AUX.map(([, , third]) => third));
const NL_PARTICLE_SET = new Set(NL_PARTICLES);
const NL_PAST_SET = new Set(NL_PAST_FORMS);
const NL_PAST_AUX = new Set(["heb", "hebben", "had", "hadden", "was", "waren", "heeft"]);
const NL_PREPOSITIONS = new Set(["bij", "met", "om", "over", "naar", "voor", "aan", "in", "op", "van", "ter", "tot"]);

/** The infinitive of an action verb, possibly with a separable particle in front ("toesturen", "indienen"). */
function nlInfinitive(word: string): string | null {
  if (NL_PLURAL.has(word)) return word;
  for (const particle of NL_PARTICLES) {
    if (word.startsWith(particle) && NL_PLURAL.has(word.slice(particle.length))) return word;
  }
  if (word === "opnemen" || word === "terugbellen" || word === "nabellen") return word;
  return null;
}

const NL_QUESTION_START =
  /^(?:kunt|kan|kunnen|wilt|wil|willen|zou|zoudt|zouden|heeft|hebt|hebben|stuurt|belt|mag|mogen|zullen|zal|is|zijn|wordt|gaat|gaan|moet|moeten|weet|weten|heb)\s+(?:u|je|jij|jullie|we|wij|ik|de|het|er|hij|zij)\b|^(?:wanneer|wat|waarom|hoe|welke|wie|waar|hoelang)\b/;
const NL_CONDITION =
  /^(?:als|indien|mits|mocht|mochten|ingeval)\b|\b(?:als|indien|mits|mocht|zodra)\s+(?:u|je|jij|jullie|de klant|hij|zij)\b/;
const NL_CLIENT_WISH =
  /\b(?:wil|wilt|willen|wenst|wensen|vraagt|vragen|vroeg|verzoekt|verwacht|verwachten)\b[^.;]{0,60}?\bdat\s+(?:wij|we|ik)\b|\b(?:vraagt|vroeg|verzoekt|verzocht)\s+(?:ons|mij|me)\b/;
const NL_REQUEST_START = /^(?:graag|gelieve|verzoeke|wilt u|kunt u|zou u|stuurt u|belt u|laten (?:we|wij))\b/;
const NL_NEGATION = /\b(?:niet|geen|nooit|niets|niemand|nergens)\b/;
const NL_HEDGE = /\b(?:misschien|wellicht|hopelijk|eventueel)\b/;
const NL_PAST_TIME = /\b(?:gisteren|eergisteren|vorige\s+\w+|afgelopen\s+\w+|geleden|zojuist|destijds|eerder\s+al)\b/;
const NL_HABIT = /\b(?:meestal|altijd|vaak|doorgaans|normaal gesproken|normaliter|elke|iedere|steeds)\b/;
const NL_OURS =
  /\b(?:(?:mijn|onze)\s+)?collega(?:'s)?(?:\s+[\p{L}-]+){0,2}|\b(?:ons|onze)\s+(?:team|kantoor|afdeling|secretariaat|adviseur|accountant|medewerker|specialist|jurist|salarisadministratie|administratie)\b/gu;
const NL_YOU_RECEIVE = /\b(?:u|je|jij)\s+(ontvangt|krijgt|hoort|heeft|hebt)\b|\b(ontvangt|krijgt|hoort|heeft|hebt)\s+(?:u|je|jij)\b/;
/** "De offerte volgt vrijdag", "het rapport komt … uw kant op", "de jaarrekening ligt … bij u": our deliverable arrives. */
const NL_ARRIVES = /^\s*(?:de|het|onze|ons)\s+(?<thing>[\p{L}-]+(?:\s+[\p{L}-]+)?)\s+(?<verb>volgt|volgen|komt|komen|ligt|liggen)\b/u;
const NL_ARRIVES_INVERTED = /\b(?<verb>volgt|volgen|komt|komen|ligt|liggen)\s+(?:de|het|onze|ons)\s+(?<thing>[\p{L}-]+)\b/u;
const FROM_US = /\bvan\s+(?:ons|mij|ons kantoor)\b|\bfrom\s+(?:us|me|our)\b/;
const NL_HAVE_BACK =
  /\bvan\s+(?:ons|mij)\b|\bterug\b|\bin\s+(?:uw|je)\s+(?:mailbox|inbox|mail|bus|brievenbus|bezit)\b|\b(?:onze|ons)\s+\p{L}/u;

function nlSentenceVeto(lower: string): boolean {
  const trimmed = lower.trim();
  return (
    trimmed.endsWith("?") ||
    NL_QUESTION_START.test(trimmed) ||
    NL_CONDITION.test(trimmed) ||
    NL_CLIENT_WISH.test(trimmed) ||
    NL_REQUEST_START.test(trimmed)
  );
}

function nlClauseVeto(clause: string, tokens: Token[]): boolean {
  if (NL_NEGATION.test(clause) || NL_HEDGE.test(clause) || NL_PAST_TIME.test(clause) || NL_HABIT.test(clause)) return true;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]?.word ?? "";
    if (word !== "ik" && word !== "wij" && word !== "we") continue;
    for (const other of [tokens[i - 1]?.word, tokens[i + 1]?.word]) {
      if (other && (NL_PAST_AUX.has(other) || NL_PAST_SET.has(other))) return true;
    }
  }
  return false;
}

function nlKind(verb: string, rest: string): PromiseKind {
  if (verb === "komen" && /\bterug\b/.test(rest)) return "callback";
  if (
    /\b(?:afspraak|overleg|bespreking|vergadering|meeting|gesprek|kennismaking)\b/.test(rest) &&
    /plan|regel|maak|organiseer|boek/.test(verb)
  )
    return "meeting";
  if (verb === "komen" && /\blangs\b|\bbij\s+(?:u|jou|je|jullie)\b|\bop (?:uw|je) kantoor\b/.test(rest)) return "meeting";
  if (/^langskomen$|^afspreken$|^spreken$/.test(verb)) return "meeting";
  if (/^bespreken$/.test(verb) && /\bmet\s+(?:u|jou|je|jullie)\b/.test(rest)) return "meeting";
  if (/bellen$|^opnemen$|^terugkoppelen$|^informeren$|^laten$|^reageren$|^terugkomen$|^houden$/.test(verb)) return "callback";
  if (/\bcontact\b/.test(rest) || /\bweten\b/.test(rest)) return "callback";
  if (/sturen$|mailen$|leveren$|zenden$|bezorgen$|brengen$|indienen$|^sturen$/.test(verb)) return "deliverable";
  return "other";
}

function matchDutch(prepared: Prepared): PromiseMatch | null {
  const { lower } = prepared;
  const item = ACTION_ITEM.exec(lower);
  if (item?.groups?.rest) {
    const restStart = lower.length - item.groups.rest.length;
    const tokens = tokenize(item.groups.rest);
    const verbToken = tokens.find((token) => nlInfinitive(token.word) !== null || NL_THIRD.has(token.word));
    if (verbToken && !NL_NEGATION.test(item.groups.rest)) {
      const verb = nlInfinitive(verbToken.word) ?? (NL_STEMS.get(verbToken.word) as string);
      const skip: [number, number][] = [[restStart + verbToken.index, restStart + verbToken.end]];
      return { kind: nlKind(verb, item.groups.rest), start: restStart, end: lower.length, verb, receive: false, skip };
    }
  }
  if (nlSentenceVeto(lower)) return null;
  for (const [start, end] of clauses(lower)) {
    const clause = lower.slice(start, end);
    const tokens = tokenize(clause);
    const found = nlTrigger(clause, tokens);
    if (!found || nlClauseVeto(clause, tokens)) continue;
    return {
      ...found,
      start: start + found.start,
      end,
      skip: found.skip.map(([a, b]) => [start + a, start + b] as [number, number]),
      ...(found.before ? { before: [start + found.before[0], start + found.before[1]] as [number, number] } : {}),
    };
  }
  return null;
}

type Trigger = Omit<PromiseMatch, "end">;

function nlTrigger(clause: string, tokens: Token[]): Trigger | null {
  for (let i = 0; i < tokens.length; i++) {
    const subject = tokens[i] as Token;
    const person = subject.word === "ik" ? "ik" : subject.word === "wij" || subject.word === "we" ? "wij" : null;
    if (!person) continue;
    for (const offset of [1, -1]) {
      const verbToken = tokens[i + offset];
      if (!verbToken) continue;
      const verb = verbToken.word;
      const action = person === "ik" ? NL_STEM_IK.has(verb) : NL_PLURAL.has(verb);
      const aux = person === "ik" ? NL_AUX_IK.has(verb) : NL_AUX_PLURAL.has(verb);
      const skip: [number, number][] = [
        [subject.index, subject.end],
        [verbToken.index, verbToken.end],
      ];
      const after = Math.max(subject.end, verbToken.end);
      if (action) {
        const infinitive = NL_STEMS.get(verb) as string;
        // "De aangepaste offerte stuur ik u … toe": the object may stand before the verb.
        const before: [number, number] | undefined = offset === -1 ? [0, verbToken.index] : undefined;
        return {
          kind: nlKind(infinitive, clause.slice(after)),
          start: after,
          verb: infinitive,
          receive: false,
          skip,
          ...(before ? { before } : {}),
        };
      }
      // "ik houd u op de hoogte en bel u vrijdag": a second verb of the same subject after "en".
      const and = tokens.findIndex((token, j) => j > i && token.word === "en");
      const second =
        and >= 0 ? tokens.slice(and + 1, and + 3).find((token) => (person === "ik" ? NL_STEM_IK : NL_PLURAL).has(token.word)) : undefined;
      if (!action && !aux && second) {
        const infinitive = NL_STEMS.get(second.word) as string;
        const start = second.end;
        return {
          kind: nlKind(infinitive, clause.slice(start)),
          start,
          verb: infinitive,
          receive: false,
          skip: [[second.index, second.end]],
        };
      }
      if (aux) {
        const later = tokens.slice(i + 1).find((token) => token.index > after && nlInfinitive(token.word));
        if (later) {
          skip.push([later.index, later.end]);
          const infinitive = nlInfinitive(later.word) as string;
          return { kind: nlKind(infinitive, clause.slice(after)), start: after, verb: infinitive, receive: false, skip };
        }
        // "we gaan dinsdag bij u langs": going to see the client.
        const langs = tokens.find((token) => token.index > after && token.word === "langs");
        if (langs && /^ga/.test(verb)) {
          skip.push([langs.index, langs.end]);
          return { kind: "meeting", start: after, verb: "langsgaan", receive: false, skip };
        }
      }
    }
  }
  NL_OURS.lastIndex = 0;
  for (let match = NL_OURS.exec(clause); match; match = NL_OURS.exec(clause)) {
    const end = match.index + match[0].length;
    const next = tokens.find((token) => token.index >= end);
    // "collega Pieters belt": the verb may be swallowed by the name pattern; look at its last words too.
    const candidates = tokens.filter((token) => token.index > match.index && token.index <= (next?.index ?? end));
    for (const token of candidates) {
      if (NL_THIRD.has(token.word) || NL_PLURAL.has(token.word)) {
        const infinitive = NL_STEMS.get(token.word) as string;
        const skip: [number, number][] = [[match.index, token.end]];
        return { kind: nlKind(infinitive, clause.slice(token.end)), start: token.end, verb: infinitive, receive: false, skip };
      }
      if (NL_AUX_THIRD.has(token.word) || NL_AUX_PLURAL.has(token.word)) {
        const later = tokens.find((t) => t.index > token.end && nlInfinitive(t.word));
        if (later) {
          const infinitive = nlInfinitive(later.word) as string;
          const skip: [number, number][] = [
            [match.index, token.end],
            [later.index, later.end],
          ];
          return { kind: nlKind(infinitive, clause.slice(token.end)), start: token.end, verb: infinitive, receive: false, skip };
        }
      }
    }
  }
  const receive = NL_YOU_RECEIVE.exec(clause);
  if (receive) {
    const verb = receive[1] ?? receive[2] ?? "";
    const have = verb === "heeft" || verb === "hebt";
    const ok = have ? NL_HAVE_BACK.test(clause) : FROM_US.test(clause) || TIME_HINT.test(clause);
    if (ok) {
      const start = receive.index + receive[0].length;
      const kind: PromiseKind = verb === "hoort" ? "callback" : "deliverable";
      return {
        kind,
        start,
        verb: kind === "callback" ? "terugkoppelen" : "sturen",
        receive: true,
        skip: [[receive.index, start]],
        before: [0, receive.index],
      };
    }
  }
  const arrives = NL_ARRIVES.exec(clause) ?? NL_ARRIVES_INVERTED.exec(clause);
  if (arrives?.groups?.thing && (TIME_HINT.test(clause) || /\buw kant op\b|\bnaar u toe\b/.test(clause))) {
    const verb = arrives.groups.verb ?? "";
    const fits =
      /^volg/.test(verb) ||
      (/^kom/.test(verb) && /\buw kant op\b|\bnaar u toe\b|\bbij u\b/.test(clause)) ||
      (/^lig/.test(verb) && /\bbij u\b|\bin uw\b/.test(clause));
    if (fits) {
      const thing = arrives.groups.thing;
      const at = clause.indexOf(thing, arrives.index);
      return {
        kind: "deliverable",
        start: at,
        verb: "sturen",
        receive: true,
        skip: [[at + thing.length, clause.length]],
        before: [at, at + thing.length],
      };
    }
  }
  if (/\b(?:ik|wij|we)\s+(?:beloof|beloven|garandeer|garanderen)\b/.test(clause)) {
    const at = /\b(?:beloof|beloven|garandeer|garanderen)\b/.exec(clause) as RegExpExecArray;
    return { kind: "other", start: at.index + at[0].length, verb: "beloven", receive: false, skip: [] };
  }
  return null;
}

// ---------------------------------------------------------------------------
// English

const EN_SUBJECT =
  "(?:i|we|our(?:\\s+[a-z-]+){1,2}?|(?:my|our)\\s+colleagues?(?:\\s+[a-z]+)?|[a-z]+\\s+from\\s+our\\s+(?:team|office|firm))";
const EN_FUTURE = new RegExp(`\\b(${EN_SUBJECT})\\s+(?:will|shall|am going to|are going to|is going to)\\s+`, "g");
const EN_PROMISE = /\b(?:i|we)\s+(?:promise|commit|undertake|guarantee)\s+(?:to\s+|that\s+)?/g;
/** "Let me send you …" promises; "let's call on Friday" (let us) proposes, and is not taken. */
const EN_LET_ME = /\blet\s+me\s+/g;
const EN_PROGRESSIVE = /\b(?:i am|we are)\s+(?:\w+ly\s+)?(\w+ing)\b/g;
const EN_RECEIVE = /\byou\s+(?:will|shall)\s+(?:\w+ly\s+)?(receive|get|have|hear)\b/g;
const EN_EXPECT = /^\s*(?:please\s+)?expect\s+(?=(?:our|my|the|a|an|your)\b)/;
const EN_BARE_FUTURE = /^\s*(?:will|shall)\s+/;

const EN_QUESTION_START =
  /^(?:could|can|would|will|shall|should|do|does|did|have|has|had|is|are|was|were|may|might|must)\s+(?:you|we|i|they|he|she|it|the|your|our|this|that|there|anyone|someone)\b|^(?:when|what|why|how|which|who|where|whether)\b/;
const EN_CONDITION =
  /^(?:if|in case|provided|providing|assuming|should you|should the|once you|when you|whenever)\b|\bif\s+(?:you|your|the client|they|he|she|needed|necessary|required|desired|possible|so)\b/;
const EN_CLIENT_WISH =
  /\b(?:wants?|wanted|would like|asked|asks|expects?|expected|needs?|requested|requests|told)\s+(?:us|me)\s+to\b|\b(?:the client|client)\s+(?:wants|would like|asked|expects)\b/;
const EN_REQUEST_START = /^(?:please|kindly|let (?:me|us) know)\b/;
const EN_NEGATION = /\b(?:not|never|no longer|unable|neither|nor)\b/;
const EN_HEDGE = /\b(?:might|may|maybe|perhaps|possibly|hopefully)\b/;
const EN_PAST_TIME =
  /\b(?:yesterday|ago|already|earlier today|last\s+(?:week|month|year|time|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday|quarter))\b/;
const EN_PAST_SUBJECT =
  /\b(?:i|we)\s+(?:had|have(?!\s+to\b)|did|was|were|sent|called|rang|phoned|delivered|emailed|e-mailed|mailed|filed|submitted|received|spoke|promised|forwarded|prepared|scheduled|arranged|booked|checked|paid|completed|finished|discussed|agreed|met|told|said)\b/;
const EN_HABIT = /\b(?:usually|normally|always|often|generally|typically|every|regularly)\b/;
const EN_SKIP_PHRASE = /^(?:make sure (?:to |that )?(?:(?:i|we) (?:will )?)?)/;

/** The action verb at `from` in `lower` (skipping adverbs), with what must follow some verbs. */
function enVerbAt(lower: string, from: number): { verb: string; index: number } | null {
  // The verb is within a few words: never read further (a long clause would make this quadratic).
  const rest = lower.slice(from, from + 120);
  const skipped = EN_SKIP_PHRASE.exec(rest)?.[0].length ?? 0;
  const found = enVerbAfter(rest, from, skipped);
  // "I'll make sure the signed copy reaches you": making sure is the promise.
  if (!found && skipped > 0) return { verb: "make", index: from };
  return found;
}

function enVerbAfter(rest: string, from: number, skipped: number): { verb: string; index: number } | null {
  const tokens = tokenize(rest.slice(skipped));
  for (let i = 0; i < Math.min(tokens.length, 4); i++) {
    const token = tokens[i] as Token;
    const word = token.word;
    if (EN_ADVERBS.has(word) || (word.endsWith("ly") && word.length > 4 && !EN_ACTION_VERBS.has(word))) continue;
    if (!EN_ACTION_VERBS.has(word)) return null;
    const after = rest.slice(skipped + token.end, skipped + token.end + 60);
    if (word === "be" && !/^\s+(?:in touch|in contact|back|there|with you|at your|over|round|ready)\b/.test(after)) return null;
    if (word === "have" && !/\b(?:ready|with you|to you|on your desk|in your inbox|done|finished|completed|for you|back)\b/.test(after))
      return null;
    if (word === "let" && !/^\s+(?:you|them|him|her)\s+know\b/.test(after)) return null;
    if (word === "go" && !/^\s+(?:through|over)\b/.test(after)) return null;
    if (word === "take" && !/^\s+(?:care|a look|charge)\b/.test(after)) return null;
    return { verb: word, index: from + skipped + token.index };
  }
  return null;
}

function enKind(verb: string, rest: string): PromiseKind {
  if (
    /^(?:schedule|reschedule|book|arrange|set|plan|organise|organize)$/.test(verb) &&
    /\b(?:meeting|call|session|appointment|catch-up|workshop|visit)\b/.test(rest)
  )
    return "meeting";
  if (
    /^(?:meet|visit|dial|join|attend|host|chair)$/.test(verb) ||
    (verb === "come" && /^\s*(?:by|over|round|to your)\b/.test(rest)) ||
    (verb === "drop" && /^\s*by\b/.test(rest))
  )
    return "meeting";
  if (/^(?:call|ring|phone|contact|text|reach|revert|respond|reply|answer|confirm|talk|speak)$/.test(verb)) return "callback";
  if (verb === "give" && /\bcall\b/.test(rest)) return "callback";
  if ((verb === "get" || verb === "come") && /^\s*back\b/.test(rest)) return "callback";
  if (verb === "be" || verb === "let") return "callback";
  if (
    /^(?:send|resend|email|e-mail|mail|post|forward|share|upload|deliver|provide|supply|submit|file|lodge|prepare|draft|write|return|have|hand|get)$/.test(
      verb,
    )
  )
    return "deliverable";
  return "other";
}

function enSentenceVeto(lower: string): boolean {
  const trimmed = lower.trim();
  return (
    trimmed.endsWith("?") ||
    EN_QUESTION_START.test(trimmed) ||
    EN_CONDITION.test(trimmed) ||
    EN_CLIENT_WISH.test(trimmed) ||
    EN_REQUEST_START.test(trimmed)
  );
}

/** "once we have heard from HMRC": a perfect after these words is about the future. */
const EN_SUBORDINATE = /\s(?:once|when|as soon as|after|until|before)\s.*$/;

function enClauseVeto(clause: string): boolean {
  return (
    EN_NEGATION.test(clause) ||
    EN_HEDGE.test(clause) ||
    EN_PAST_TIME.test(clause) ||
    EN_PAST_SUBJECT.test(clause.replace(EN_SUBORDINATE, "")) ||
    EN_HABIT.test(clause) ||
    /^\s*(?:please|kindly)\b/.test(clause)
  );
}

function progressiveStem(form: string): string | null {
  const stem = form.slice(0, -3);
  for (const candidate of [stem, `${stem}e`, stem.slice(0, -1)]) {
    if (EN_ACTION_VERBS.has(candidate) && candidate !== "go" && candidate !== "be" && candidate !== "have") return candidate;
  }
  return null;
}

function enTrigger(clause: string): Trigger | null {
  const verbTrigger = (pattern: RegExp): Trigger | null => {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(clause); match; match = pattern.exec(clause)) {
      const found = enVerbAt(clause, match.index + match[0].length);
      const subject = match[1] ?? "";
      if (found?.verb === "follow" && /^our\s/.test(subject) && !/^\s+up\b/.test(clause.slice(found.index + 6))) {
        // "Our invoice will follow": our deliverable arrives.
        const thing = clause.indexOf(subject, match.index);
        return { kind: "deliverable", start: thing, verb: "send", receive: true, skip: [[thing + subject.length, found.index + 6]] };
      }
      if (found) {
        const rest = clause.slice(found.index + found.verb.length);
        return { kind: enKind(found.verb, rest), start: found.index, verb: "", receive: false, skip: [] };
      }
    }
    return null;
  };
  const future = verbTrigger(EN_FUTURE) ?? verbTrigger(EN_PROMISE);
  if (future) return future;
  EN_LET_ME.lastIndex = 0;
  for (let match = EN_LET_ME.exec(clause); match; match = EN_LET_ME.exec(clause)) {
    const found = enVerbAt(clause, match.index + match[0].length);
    if (found && found.verb !== "let" && !/^know\b/.test(clause.slice(found.index))) {
      return {
        kind: enKind(found.verb, clause.slice(found.index + found.verb.length)),
        start: found.index,
        verb: "",
        receive: false,
        skip: [],
      };
    }
  }
  EN_RECEIVE.lastIndex = 0;
  const receive = EN_RECEIVE.exec(clause);
  if (receive && (FROM_US.test(clause) || TIME_HINT.test(clause))) {
    const kind: PromiseKind = receive[1] === "hear" ? "callback" : "deliverable";
    return { kind, start: receive.index + receive[0].length, verb: kind === "callback" ? "get back" : "send", receive: true, skip: [] };
  }
  const expect = EN_EXPECT.exec(clause);
  if (expect) {
    const call = /^(?:a\s+)?(?:quick\s+)?(?:phone\s+)?call\b/.test(clause.slice(expect[0].length));
    return { kind: call ? "callback" : "deliverable", start: expect[0].length, verb: call ? "call" : "send", receive: true, skip: [] };
  }
  if (TIME_HINT.test(clause)) {
    EN_PROGRESSIVE.lastIndex = 0;
    for (let match = EN_PROGRESSIVE.exec(clause); match; match = EN_PROGRESSIVE.exec(clause)) {
      const stem = progressiveStem(match[1] ?? "");
      if (stem) {
        const start = match.index + match[0].length - (match[1] ?? "").length;
        const rest = clause.slice(match.index + match[0].length);
        return { kind: enKind(stem, rest), start, verb: stem, receive: false, skip: [] };
      }
    }
  }
  const bare = EN_BARE_FUTURE.exec(clause);
  if (bare) {
    const found = enVerbAt(clause, bare[0].length);
    if (found)
      return {
        kind: enKind(found.verb, clause.slice(found.index + found.verb.length)),
        start: found.index,
        verb: "",
        receive: false,
        skip: [],
      };
  }
  return null;
}

function matchEnglish(prepared: Prepared): PromiseMatch | null {
  const { lower } = prepared;
  const item = ACTION_ITEM.exec(lower);
  if (item?.groups?.rest && !EN_NEGATION.test(item.groups.rest)) {
    let restStart = lower.length - item.groups.rest.length;
    // "Action: Tom to send …": who is named before the action.
    const who = /^(?:[\p{L}.-]+\s+){1,2}to\s+/u.exec(item.groups.rest);
    if (who && !enVerbAt(lower, restStart)) restStart += who[0].length;
    const found = enVerbAt(lower, restStart);
    if (found) {
      const kind = enKind(found.verb, lower.slice(found.index + found.verb.length));
      return { kind, start: found.index, end: lower.length, verb: "", receive: false, skip: [] };
    }
  }
  if (enSentenceVeto(lower)) return null;
  for (const [start, end] of clauses(lower)) {
    const clause = lower.slice(start, end);
    const found = enTrigger(clause);
    if (!found || enClauseVeto(clause)) continue;
    return {
      ...found,
      start: start + found.start,
      end,
      skip: found.skip.map(([a, b]) => [start + a, start + b] as [number, number]),
    };
  }
  return null;
}

export function matchPromise(prepared: Prepared, language: Language): PromiseMatch | null {
  return language === "nl" ? matchDutch(prepared) : matchEnglish(prepared);
}

// ---------------------------------------------------------------------------
// Titles: what is promised, short

const NL_DROP = new Set([
  "u",
  "je",
  "jou",
  "jullie",
  "mij",
  "me",
  "ons",
  "hem",
  "nog",
  "even",
  "graag",
  "ook",
  "daarna",
  "dan",
  "er",
  "ervoor",
  "zeker",
  "direct",
  "gewoon",
  "alvast",
  "meteen",
  "wel",
  "uiterlijk",
  "zsm",
  "z.s.m",
  "z.s.m.",
  "asap",
  "hier",
  "daar",
  "hierop",
  "daarop",
  "erop",
  "telkens",
]);
const NL_DROP_PHRASES =
  /\b(?:naar|aan|met|voor|van|bij)\s+(?:u|jou|je|jullie|ons|mij|ons kantoor)\b|\bin\s+(?:uw|je)\s+(?:mailbox|inbox|mail|bus|brievenbus)\b|\bter ondertekening\b(?=.*\bter ondertekening\b)/g;
const NL_ARTICLES = /^(?:het|de|een|die|dat)\s+/i;
const NL_TRAILING = /\s+(?:voor|vóór|op|om|binnen|tegen|per|rond|uiterlijk|na|vanaf|aan|met|bij|in|tot|en|dat|het|de|een|van)$/;
const NL_FUNCTION_ONLY = /^(?:(?:het|de|een|die|dat|dit|deze|er|voor|aan|op|in|uit|toe|door|en|om|te)\s*)*$/;

const EN_DROP_PHRASES =
  /\b(?:to you|for you|with you|from (?:us|me|our (?:team|office|firm))|on your desk|in your inbox|to your desk|first thing|right away|straight away|asap|at the (?:very )?latest|no later than|(?<!let )you|me)\b/g;
const EN_TRAILING = /\s+(?:by|on|at|before|within|in|until|till|around|for|to|and|with|of|the|over|from|no later than)$/;

/** The sentence part `start..end` without the words that said when, who and to whom. */
function withoutSpans(lower: string, start: number, end: number, spans: [number, number][]): string {
  const chars = lower.slice(0, end).split("");
  for (const [from, to] of spans) {
    for (let i = from; i < Math.min(to, end); i++) chars[i] = "\uE000";
  }
  // A preposition right before a removed span belonged to it ("by Friday", "uiterlijk vrijdag").
  let text = chars.slice(start).join("");
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text.replace(
      /(\s(?:by|on|at|before|within|in|until|till|around|for|voor|vóór|op|om|binnen|tegen|per|rond|uiterlijk|na|vanaf|tussen|between|over|no later than|by the|the))?\s*\uE000+/g,
      " ",
    );
  }
  return text;
}

function capitalize(title: string): string {
  return title.length > 90 ? `${title.slice(0, 87).replace(/\s+\S*$/, "")}…` : title;
}

export function buildTitle(prepared: Prepared, match: PromiseMatch, spans: [number, number][], language: Language): string {
  const { lower, words } = prepared;
  const removed = [...spans, ...match.skip];
  const cut = /[.!?…]+\s*$/.exec(lower.slice(0, match.end));
  const end = cut ? cut.index : match.end;
  const lowerPart = withoutSpans(lower, match.start, end, removed);
  // The same part from the words as written (the case of names); same positions.
  const casedPart = withoutSpans(words.replace(/\s/g, " ").slice(0, lower.length).padEnd(lower.length, " "), match.start, end, removed);
  const part = casedPart.length === lowerPart.length ? casedPart : lowerPart;
  if (language === "en") return capitalize(englishTitle(part, match));
  const [from, to] = match.before ?? [0, 0];
  const before = withoutSpans(words.replace(/\s/g, " "), from, to, removed);
  return capitalize(dutchTitle(part, match, before));
}

/** Words that open a phrase which reads best after the verb: "terugbellen over de aanslag", "laten weten of …". */
const NL_AFTER_VERB = new Set([...NL_PREPOSITIONS, "of", "dat", "ervoor", "wat", "hoe", "wanneer", "welke"]);
const NL_RECEIVE_VERBS = /\s(?:heeft|hebt|ontvangt|krijgt|hoort|terug)(?=\s|$)/g;

function dutchTitle(part: string, match: PromiseMatch, before: string): string {
  let verb = match.verb;
  let source = ` ${part} `;
  if (match.receive) {
    source = source.replace(NL_RECEIVE_VERBS, " ");
    // "Het advies krijgt u …": the object came before the verb.
    if (NL_FUNCTION_ONLY.test(cleanDutch(source).join(" ").toLowerCase())) source = ` ${before.replace(NL_RECEIVE_VERBS, " ")} `;
  }
  // "ik zorg dat …", "ik beloof dat …": the promise is the rest of the sentence, as said.
  if (/^(?:zorgen|beloven)$/.test(verb)) {
    const rest = source
      .replace(/\s(?:u|je)\s(?=dat\s)/, " ")
      .trim()
      .replace(/\s+/g, " ");
    return rest ? `${verb} ${rest.replace(/^ervoor\s+/, "")}` : verb;
  }
  let tokens = cleanDutch(source);
  if (verb === "laten") {
    const weten = tokens.findIndex((word) => word.toLowerCase() === "weten");
    if (weten >= 0) {
      tokens.splice(weten, 1);
      verb = "laten weten";
    }
  }
  // A separable particle joins the verb ("stuur … toe" → "toesturen"): the last one that ends the
  // clause or comes right before a closing prepositional phrase ("bel … terug over de aanslag").
  let tail: string[] = [];
  for (let i = tokens.length - 1; i >= 0 && verb && !verb.includes(" "); i--) {
    const word = (tokens[i] as string).toLowerCase();
    const next = tokens[i + 1]?.toLowerCase();
    if (NL_PARTICLE_SET.has(word) && (next === undefined || NL_PREPOSITIONS.has(next))) {
      if (!verb.startsWith(word)) verb = `${word}${verb}`;
      tail = tokens.slice(i + 1);
      tokens = tokens.slice(0, i);
      break;
    }
  }
  // "we gaan … indienen": the infinitive at the end is the verb already.
  if (tokens.length > 0 && nlInfinitive((tokens[tokens.length - 1] as string).toLowerCase()) === match.verb) tokens = tokens.slice(0, -1);
  let head = tokens.join(" ");
  for (let previous = ""; previous !== head; ) {
    previous = head;
    head = head.replace(NL_TRAILING, "").replace(NL_ARTICLES, "");
  }
  let after = tail.join(" ");
  if (NL_FUNCTION_ONLY.test(head.toLowerCase())) head = "";
  if (!head && !after && !match.receive && before.trim()) {
    let object = cleanDutch(` ${before} `).join(" ");
    for (let previous = ""; previous !== object; ) {
      previous = object;
      object = object.replace(NL_TRAILING, "").replace(NL_ARTICLES, "");
    }
    // Only a noun phrase, not an adverbial ("Zoals besproken", "Naar aanleiding van …").
    if (
      !NL_FUNCTION_ONLY.test(object.toLowerCase()) &&
      !/^(?:zoals|naar|na|voor|bij|in|op|om|over|aan|met|dan|daarna|morgen|vandaag)\b/i.test(object)
    )
      head = object;
  }
  if (head && NL_AFTER_VERB.has(head.split(" ")[0]?.toLowerCase() ?? "")) {
    after = [head, after].filter(Boolean).join(" ");
    head = "";
  }
  for (let previous = ""; previous !== after; ) {
    previous = after;
    after = after.replace(NL_TRAILING, "");
  }
  if (NL_FUNCTION_ONLY.test(after.toLowerCase())) after = "";
  return [head, verb, after].filter(Boolean).join(" ");
}

function cleanDutch(source: string): string[] {
  const text = source.replace(/\s(?:zodra|als|omdat|zodat|maar|dus|waarna|nadat)\s.*$/i, " ").replace(NL_DROP_PHRASES, " ");
  const tokens = text.split(/\s+/).filter((word) => word && !NL_DROP.has(word.toLowerCase()));
  // "… en stuur ze u toe", "… en koppel morgen terug": a second promise starts; the title keeps the first.
  const and = tokens.findIndex((word, i) => {
    if (word.toLowerCase() !== "en") return false;
    return tokens.slice(i + 1, i + 3).some((next) => {
      const lower = next.toLowerCase();
      return lower === "ik" || lower === "wij" || lower === "we" || NL_STEM_IK.has(lower) || NL_PLURAL.has(lower);
    });
  });
  return and >= 0 ? tokens.slice(0, and) : tokens;
}

function englishTitle(part: string, match: PromiseMatch): string {
  let text = ` ${part} `
    .replace(/\s(?:as soon as|once|when|so that|because|if|unless|after|to discuss|to go through|to confirm)\s.*$/i, " ")
    .replace(EN_DROP_PHRASES, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (match.verb && !match.receive) text = text.replace(new RegExp(`^${match.verb}\\w*\\s*`, "i"), `${match.verb} `).trim();
  text = text.replace(/^give (?:a )?(?:quick )?(call|ring)\b/i, "$1");
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text.replace(EN_TRAILING, "").trim();
  }
  if (match.receive) {
    const object = text.replace(/^(?:our|my)\s+/i, "the ");
    if (match.kind === "callback" || /^(?:a\s+)?(?:quick\s+)?(?:phone\s+)?call\b/i.test(object))
      return match.kind === "callback" ? match.verb : "call";
    return object ? `${match.verb} ${object}` : match.verb;
  }
  return text;
}
