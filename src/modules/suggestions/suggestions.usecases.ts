import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { suggestCommitments } from "../../core/suggestions/extract.ts";
import { capText } from "../../core/suggestions/sentences.ts";
import { isValidTimeZone } from "../../core/working-time.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { loadOrganizationTime } from "../working-time/working-time.usecases.ts";
import type { SuggestionList, SuggestionsInput } from "./suggestions.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

/**
 * The promises by us in a pasted text, with due times on the organization's working
 * time (its business hours and holidays; `timeZone` reads the times in another zone).
 * Any signed-in member may ask; nothing is stored. Text beyond 100 KB is not read.
 */
export async function suggestFromText(deps: Deps, actor: Actor, input: SuggestionsInput): Promise<SuggestionList> {
  if (input.text.trim() === "") throw new AppError("suggestions.empty_text", 400);
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    throw new AppError("working_time.invalid_time_zone", 400, { zone: input.timeZone });
  }
  const time = await loadOrganizationTime(deps, actor.orgId);
  const settings = input.timeZone ? { ...time.settings, timeZone: input.timeZone } : time.settings;
  const { text, truncated } = capText(input.text);
  const now = input.now ? new Date(input.now) : deps.clock.now();
  const items = suggestCommitments(text, { now, settings, language: input.language });
  return { items, truncated };
}
