import { z } from "zod";
import { dateTime } from "../../shared/fields.ts";
import { commitmentKindSchema, languageSchema } from "../working-time/working-time.schemas.ts";

/**
 * Commitments suggested from pasted text: the proposals a person confirms or
 * edits before anything is recorded. Nothing is stored.
 */
export const suggestionsBody = z
  .strictObject({
    text: z.string().meta({
      description:
        "A meeting note or e-mail, in Dutch or English (other languages are left alone). The first 100 KB are read; `truncated` says when there was more.",
      example: "Ik stuur u vrijdag het plan van aanpak. We'll call you back tomorrow before noon.",
    }),
    now: dateTime.optional().meta({
      description: "The moment the text was written (relative dates count from here); default now.",
      example: "2026-11-23T10:00:00+01:00",
    }),
    timeZone: z
      .string()
      .max(100)
      .optional()
      .meta({ description: "IANA time zone to read times in; default the organization's.", example: "Europe/Amsterdam" }),
    language: languageSchema.optional().meta({ description: "The text's language; default detected per sentence." }),
  })
  .meta({ id: "SuggestCommitments" });
export type SuggestionsInput = z.infer<typeof suggestionsBody>;

export const suggestionSchema = z
  .object({
    text: z.string().meta({ description: "The sentence the promise was found in." }),
    title: z.string().meta({ description: "What is promised, short.", example: "plan van aanpak sturen" }),
    dueAt: z.string().nullable().meta({
      description: "ISO 8601 with the zone's offset; null when the sentence names no time.",
      example: "2026-11-27T17:00:00+01:00",
    }),
    dueHasTime: z.boolean().meta({ description: "False when only a date was said: dueAt is then the end of that working day." }),
    kind: commitmentKindSchema,
  })
  .meta({ id: "CommitmentSuggestion" });
export type SuggestionItem = z.infer<typeof suggestionSchema>;

export const suggestionListSchema = z
  .object({
    items: z.array(suggestionSchema),
    truncated: z.boolean().meta({ description: "The text was longer than 100 KB; only its first 100 KB were read." }),
  })
  .meta({ id: "CommitmentSuggestions" });
export type SuggestionList = z.infer<typeof suggestionListSchema>;
