import { z } from "zod";
import { MAX_QUERY_LENGTH } from "../../core/full-text.ts";

/**
 * Full-text search over the organization's interactions, clients, contacts
 * and commitments: Dutch and English stemming, accents ignored, each word a
 * prefix (search while typing), ranked, with the matches marked.
 */
export const SEARCH_TYPES = ["interaction", "client", "contact", "commitment"] as const;
export const searchTypeSchema = z.enum(SEARCH_TYPES);
export type SearchType = z.infer<typeof searchTypeSchema>;

export const searchQuery = z.strictObject({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH)
    .meta({
      description:
        `Words to find, at most ${MAX_QUERY_LENGTH} characters. Plain text: quotes and operators (& | ! ( ) : * ' ") are ` +
        "read as spaces. Every word counts as the start of a word; records holding all words rank first.",
      example: "offerte jansen",
    }),
  limit: z.coerce.number().int().min(1).max(50).default(20).meta({ description: "How many results (1–50, default 20)." }),
});
export type SearchQuery = z.infer<typeof searchQuery>;

const highlights = z
  .array(z.object({ start: z.number().int(), end: z.number().int() }))
  .meta({ description: "The matched words as [start, end) offsets in UTF-16 code units (JavaScript string indexes)." });

export const searchResultSchema = z
  .object({
    type: searchTypeSchema,
    id: z.string(),
    clientId: z.string().meta({ description: "The client the record belongs to (a client's own id for a client)." }),
    clientName: z.string(),
    title: z.string().meta({ description: "Name, summary or title of the record." }),
    titleHighlights: highlights,
    snippet: z.string().meta({ description: "The passage of the rest of its text around the matches (may be empty)." }),
    highlights,
    rank: z.number().meta({ description: "Higher is better; results come best first." }),
  })
  .meta({ id: "SearchResult" });
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResultsSchema = z.object({ results: z.array(searchResultSchema) }).meta({ id: "SearchResults" });
export type SearchResults = z.infer<typeof searchResultsSchema>;
