import { createInterface } from "node:readline";
import { type Command, InvalidArgumentError } from "commander";
import { z } from "zod";
import { suggestCommitments } from "../core/suggestions/extract.ts";
import type { Language } from "../core/suggestions/lexicon.ts";
import { DEFAULT_WORKING_TIME, isValidTimeZone, type WorkingTimeSettings } from "../core/working-time.ts";
import { translate } from "../i18n/translate.ts";
import { systemClock } from "../shared/clock.ts";

/**
 * `trustledger suggest --now <ISO> --tz <zone> [--lang nl|en] <text>`: the commitments
 * a note or e-mail promises, as one JSON array. With `-` instead of a text, every line
 * of standard input is a text of its own and gets one JSON array on one line.
 * Needs no database: the default working time (Monday–Friday 9–17, Dutch holidays) in
 * the zone of --tz.
 */
type SuggestOptions = { now?: string; tz?: string; lang?: string };

const isoDateTime = z.iso.datetime({ offset: true });

function settingsFor(options: SuggestOptions): { now: Date; settings: WorkingTimeSettings; language: Language | undefined } {
  if (options.now !== undefined && !isoDateTime.safeParse(options.now).success) {
    throw new InvalidArgumentError(
      `--now: give an ISO 8601 date and time with its offset, like 2026-11-23T10:00:00+01:00, not "${options.now}"`,
    );
  }
  const timeZone = options.tz ?? DEFAULT_WORKING_TIME.timeZone;
  if (!isValidTimeZone(timeZone))
    throw new InvalidArgumentError(`--tz: ${translate("en", "working_time.invalid_time_zone", { zone: timeZone })}`);
  if (options.lang !== undefined && options.lang !== "nl" && options.lang !== "en") {
    throw new InvalidArgumentError(`--lang: nl or en, not "${options.lang}"`);
  }
  return {
    now: options.now ? new Date(options.now) : systemClock.now(),
    settings: { ...DEFAULT_WORKING_TIME, timeZone },
    language: options.lang as Language | undefined,
  };
}

export function registerSuggestCommand(program: Command): void {
  program
    .command("suggest")
    .description("Suggest commitments from a note or e-mail (Dutch or English) as JSON; '-' reads standard input, one JSON array per line")
    .argument("<text>", "the text, or '-' to read standard input line by line")
    .option("--now <iso>", "the moment the text was written, e.g. 2026-11-23T10:00:00+01:00 (default: now)")
    .option("--tz <zone>", `IANA time zone of the working time (default: ${DEFAULT_WORKING_TIME.timeZone})`)
    .option("--lang <language>", "nl or en (default: detected per sentence)")
    .action(async (text: string, options: SuggestOptions) => {
      const { now, settings, language } = settingsFor(options);
      const suggest = (input: string) => JSON.stringify(suggestCommitments(input, { now, settings, language }));
      if (text !== "-") {
        process.stdout.write(`${suggest(text)}\n`);
        return;
      }
      const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of lines) {
        if (!process.stdout.write(`${suggest(line)}\n`)) await new Promise((resolve) => process.stdout.once("drain", resolve));
      }
    });
}
