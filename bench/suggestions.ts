import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { suggestCommitments } from "../src/core/suggestions/extract.ts";
import { MAX_TEXT_BYTES } from "../src/core/suggestions/sentences.ts";
import { FRESH } from "./suggestions/fresh.ts";
import { FROZEN } from "./suggestions/frozen.ts";
import { HOLDOUT } from "./suggestions/holdout.ts";
import { mistakes, REFERENCE_NOW, type Score, SETTINGS, score } from "./suggestions/score.ts";
import { NOW, SENTENCES, TIME_ZONE } from "./suggestions/sentences.ts";

/**
 * `npm run bench:suggestions` (also the last step of `npm run bench`): how well and how
 * fast commitments are suggested from text. Scores the labelled sets of
 * bench/suggestions/ (precision, recall, exact due date) — the three tuned sets and,
 * apart from them, the frozen set that no rule was ever changed for — and measures throughput on
 * one core, then writes its own "## Suggestions from text" section into
 * bench/RESULTS.md (replacing the previous one; the rest of the file is left alone).
 *
 * Knobs: BENCH_SUGGESTIONS_SECONDS (per throughput measurement, default 5).
 */
const root = path.resolve(import.meta.dirname, "..");
const SECONDS = Number(process.env.BENCH_SUGGESTIONS_SECONDS ?? 5);
const TARGETS = { precision: 0.9, recall: 0.85, due: 0.9, perSecond: 2000 };
const HEADING = "## Suggestions from text";
const loadAtStart = os.loadavg();

// The rules were changed for the misses of every one of these sets after its first run, so their
// current figures flatter the rules; the first-run figures (reproduced on 2026-12-04 by scoring each
// set with the rules of the commit before it was added) are kept in the notes.
const tuned: { name: string; note: string; result: Score }[] = [
  {
    name: "development (`sentences.ts`), tuned",
    note: "written first; the rules were built against it, so no untuned figure exists",
    result: score(SENTENCES),
  },
  {
    name: "held-out (`holdout.ts`), tuned",
    note: "first run (precision / recall / due) 1.000 / 0.804 / 0.973 with the rules of 0bd58ac; rules changed for its misses in the commit that added it (11c36a5)",
    result: score(HOLDOUT),
  },
  {
    name: "fresh (`fresh.ts`), tuned",
    note: "first run 1.000 / 0.788 / 0.923 with the rules of be9f60b; rules changed for its misses in the commit that added it (41606b2)",
    result: score(FRESH),
  },
];
const allTuned = score([...SENTENCES, ...HOLDOUT, ...FRESH]);
// Never tune a rule to this set: once a rule is changed for one of its misses it is tuned too, and a
// new frozen set has to be written (and committed) before that change is run against it.
const frozen = score(FROZEN);
const FROZEN_NOTE =
  "written by hand 2026-12-04 without reading the rules, committed (bd8428e) before its first run; first run 2026-12-04: 0.989 / 0.900 / 0.911; never used to tune a rule";

/** Sentences per second over the labelled sentences, one text per call: wall clock and this process's CPU time. */
function throughput(texts: string[]): { wall: number; cpu: number; calls: number } {
  for (const text of texts) suggestCommitments(text, { now: REFERENCE_NOW, settings: SETTINGS }); // warm-up
  let calls = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < SECONDS * 1000) {
    for (const text of texts) suggestCommitments(text, { now: REFERENCE_NOW, settings: SETTINGS });
    calls += texts.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { wall: calls / seconds, cpu: calls / ((cpu.user + cpu.system) / 1e6), calls };
}

const texts = [...SENTENCES, ...HOLDOUT, ...FRESH, ...FROZEN].map((s) => s.text);
const perSentence = throughput(texts);

// One pasted text of 100 KB (the most the API reads), made of the labelled sentences.
let long = "";
while (long.length < MAX_TEXT_BYTES) long += `${texts.join("\n")}\n`;
long = long.slice(0, MAX_TEXT_BYTES);
const longSentences = long.split("\n").filter(Boolean).length;
const longRuns: number[] = [];
const longCpuStart = process.cpuUsage();
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  suggestCommitments(long, { now: REFERENCE_NOW, settings: SETTINGS });
  longRuns.push(performance.now() - started);
}
const longCpu = process.cpuUsage(longCpuStart);
const longCpuMs = (longCpu.user + longCpu.system) / 1000 / longRuns.length;
const longMedian = [...longRuns].sort((a, b) => a - b)[2] as number;

/**
 * The kinds of misses of the frozen set at its first run, read by hand from the run's list of
 * mistakes (printed below the section). They say what to improve next; whoever improves it needs a
 * new frozen set to measure the result.
 */
const FROZEN_MISSES: string[] = [
  "",
  "Misses of the frozen set at its first run (2026-12-04): 1 false suggestion, 10 of 100 promises missed, 8 wrong due times among the 90 found.",
  "They say what to improve next; once a rule is changed for them, the frozen set counts as tuned and a new one must be written first.",
  "",
  '- A promise by our team or a named colleague in the third person, with a verb the rules do not take: "Onze servicedesk neemt … contact met u op",',
  '  "Pieter van ons team installeert …", "Peter from our IT team will swap …", "Our consultant will be on site …", "Our IT team will have … set up".',
  '- Verbs and constructions outside the lists: "deponeren", "pull together … and share", "restore … within three working hours",',
  '  "have X configured", and a passive result ("Uiterlijk volgende week vrijdag is de nieuwe printer bij u geïnstalleerd").',
  '- "na het weekend" / "after the weekend" read as this Friday and as 31 December instead of Monday.',
  '- Holidays and vague periods give no due time: "vóór de kerst", "before Christmas", "half december", "mid-December".',
  '- A bare day of the month in Dutch ("vóór de 25e") gives no due time (the English "by the 30th" works).',
  '- "half past two" is not read as a time: the due became the end of that day.',
  '- An action item assigned to the client ("- Action (client): return signed engagement letter by Friday") was taken as ours: the one false suggestion.',
  "",
];

const fixed = (n: number) => n.toFixed(3);
const verdict = (ok: boolean) => (ok ? "✓" : "✗");
const loadText = loadAtStart.map((n) => n.toFixed(1)).join(", ");
const busy = loadAtStart[0] !== undefined && loadAtStart[0] > os.cpus().length * 0.5;
const row = (name: string, note: string, r: Score) =>
  `| ${name} | ${r.sentences} | ${r.promises} | ${r.suggested} | ${fixed(r.precision)} ${verdict(r.precision >= TARGETS.precision)} | ${fixed(r.recall)} ${verdict(r.recall >= TARGETS.recall)} | ${fixed(r.dueAccuracy)} ${verdict(r.dueAccuracy >= TARGETS.due)} | ${note} |`;

const section = [
  HEADING,
  "",
  "Written by `npm run bench:suggestions` (bench/suggestions.ts; also run at the end of `npm run bench`). Targets from the issue:",
  `precision ≥ ${TARGETS.precision}, recall ≥ ${TARGETS.recall}, exact due date ≥ ${TARGETS.due}, at least ${TARGETS.perSecond.toLocaleString("en")} sentences per second on one core.`,
  "",
  `- Date: ${new Date().toISOString()}; Node ${process.version}; ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores`,
  `- Machine load: load average ${loadText} (1, 5, 15 min) at the start${busy ? " — the machine was busy with other work, which slows the wall-clock figures" : ""}`,
  `- Labelled sentences: hand-written Dutch, English and a few German/French sentences with the expected outcome, as of ${NOW} (${TIME_ZONE}, business hours 9–17 Monday–Friday, Dutch holidays)`,
  "- Precision = suggested and truly a promise by us / suggested; recall = promises suggested / all Dutch and English promises;",
  "  exact due = among true promises suggested, local due date equal to the label (and the time, when the label has one). German and French",
  "  sentences may only count against precision: nothing may be suggested for them.",
  "",
  "| Set | Sentences | Promises | Suggested | Precision | Recall | Exact due | About the set |",
  "|---|---|---|---|---|---|---|---|",
  row("**frozen (`frozen.ts`), never tuned**", FROZEN_NOTE, frozen),
  ...tuned.map(({ name, note, result }) => row(name, note, result)),
  row("the three tuned sets together", "tuned: flatters the rules", allTuned),
  "",
  "Only the frozen set's figures are an honest estimate for text the rules have not seen. The tuned sets score what the rules were",
  "changed to get right; their first runs (held-out 1.000 / 0.804 / 0.973, fresh 1.000 / 0.788 / 0.923) were the untuned estimates of their day.",
  "The frozen set was written by someone who had read the tuned sets, their commit messages and the weaknesses listed below, though not the",
  'rules, so its phrasing may lean towards what the rules already handle; its vague phrases ("after the weekend", "mid-December") are labelled',
  "by conventions written in its header, which another annotator might set differently.",
  ...FROZEN_MISSES,
  'Weaknesses noted earlier from the tuned sets: a colleague named without "collega"/"from our team" ("Jan stuurt u morgen …") is not',
  "taken, since it could be the client; \"X volgt vrijdag\" is taken as our deliverable even when X is the tax office's or the client's; vague",
  'periods ("over een paar dagen", "mid-December") give no due time; "next Friday" said on a Monday is the Friday after this week\'s.',
  "",
  `Throughput on one core (one process, one thread), each labelled sentence given as a text of its own, ${perSentence.calls.toLocaleString("en")} calls in ${SECONDS} s:`,
  `**${Math.round(perSentence.cpu).toLocaleString("en")} sentences/s of CPU time** ${verdict(perSentence.cpu >= TARGETS.perSecond)} ` +
    `(${Math.round(perSentence.wall).toLocaleString("en")} per wall-clock second${busy ? ", on the busy machine" : ""}).`,
  `One pasted text of 100 KB (${longSentences.toLocaleString("en")} lines, the most the API reads): ${Math.round(longCpuMs)} ms of CPU time ` +
    `on average, median ${Math.round(longMedian)} ms wall clock over 5 runs.`,
  "",
].join("\n");

const file = path.join(root, "bench", "RESULTS.md");
const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
const start = current.indexOf(`\n${HEADING}\n`);
let next: string;
if (start < 0) {
  next = `${current.replace(/\s*$/, "")}\n\n${section}`;
} else {
  const after = current.indexOf("\n## ", start + HEADING.length + 1);
  next = `${current.slice(0, start + 1)}${section}${after < 0 ? "" : `\n${current.slice(after + 1)}`}`;
}
writeFileSync(file, next);
console.log(section);
console.log("written to bench/RESULTS.md");
console.log("\nMistakes on the frozen set (for the list of kinds of misses; never to tune a rule to):");
for (const line of mistakes(frozen)) console.log(`- ${line}`);
