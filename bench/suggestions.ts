import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { suggestCommitments } from "../src/core/suggestions/extract.ts";
import { MAX_TEXT_BYTES } from "../src/core/suggestions/sentences.ts";
import { FRESH } from "./suggestions/fresh.ts";
import { HOLDOUT } from "./suggestions/holdout.ts";
import { REFERENCE_NOW, type Score, SETTINGS, score } from "./suggestions/score.ts";
import { NOW, SENTENCES, TIME_ZONE } from "./suggestions/sentences.ts";

/**
 * `npm run bench:suggestions` (also the last step of `npm run bench`): how well and how
 * fast commitments are suggested from text. Scores the labelled sets of
 * bench/suggestions/ (precision, recall, exact due date) and measures throughput on
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

const sets: { name: string; note: string; result: Score }[] = [
  {
    name: "development (`sentences.ts`)",
    note: "written first; the rules were built against it, so it flatters them",
    result: score(SENTENCES),
  },
  {
    name: "held-out (`holdout.ts`)",
    note: "written after the rules; first run (precision / recall / due) 1.000 / 0.804 / 0.973; rules then changed for its misses",
    result: score(HOLDOUT),
  },
  {
    name: "fresh (`fresh.ts`)",
    note: "written after that; first run 1.000 / 0.788 / 0.923; rules then changed for its misses",
    result: score(FRESH),
  },
];
const all = score([...SENTENCES, ...HOLDOUT, ...FRESH]);

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

const texts = [...SENTENCES, ...HOLDOUT, ...FRESH].map((s) => s.text);
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
  ...sets.map(({ name, note, result }) => row(name, note, result)),
  row("all together", "", all),
  "",
  "The first-run figures of the held-out and fresh sets are the honest estimate for text the rules have not seen: precision high, recall",
  "around 0.8 — unseen phrasings (a verb the lists lack, a promise without a first-person subject) are missed rather than guessed.",
  'Known weaknesses: a colleague named without "collega"/"from our team" ("Jan stuurt u morgen …") is not taken, since it could be',
  "the client; \"X volgt vrijdag\" is taken as our deliverable even when X is the tax office's or the client's; vague periods",
  '("over een paar dagen", "mid-December") give no due time; "next Friday" said on a Monday is the Friday after this week\'s.',
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
