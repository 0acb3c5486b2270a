import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { fullTextWords, splitHighlights } from "../../core/full-text.ts";
import type { DB } from "../../db/schema.ts";
import * as repo from "./search.repository.ts";
import type { SearchQuery, SearchResults } from "./search.schemas.ts";

type Deps = { db: Kysely<DB> };

/**
 * The actor's organization's records matching the words of `q`, best first.
 * A query with no words (only operators, quotes or single letters) finds
 * nothing and is no error. Any member may search.
 */
export async function search(deps: Deps, actor: Actor, query: SearchQuery): Promise<SearchResults> {
  const words = fullTextWords(query.q);
  const rows = await repo.search(deps.db, actor.orgId, words, query.limit);
  return {
    results: rows.map((row) => {
      const title = splitHighlights(row.title);
      const snippet = splitHighlights(row.snippet);
      return {
        type: row.type,
        id: row.id,
        clientId: row.client_id,
        clientName: row.client_name,
        title: title.text,
        titleHighlights: title.highlights,
        snippet: snippet.text,
        highlights: snippet.highlights,
        rank: row.rank,
      };
    }),
  };
}
