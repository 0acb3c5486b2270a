import { type Kysely, type RawBuilder, sql } from "kysely";
import { HIGHLIGHT_START, HIGHLIGHT_STOP, prefixTerm } from "../../core/full-text.ts";
import type { DB } from "../../db/schema.ts";

/**
 * All SQL of search. It reads the search vectors migration 0015 keeps on
 * interactions, clients, contacts and commitments (read-only, like other
 * modules' joins for names), always scoped to one organization.
 *
 * Each word becomes a prefix term in the Dutch, English and plain
 * configurations, OR-ed: "offertes" → 'offertes':* | 'offert':*, so it finds
 * "offerte"; "called" → 'call':*, so it finds "calls". The terms are built by
 * prefixTerm from words of letters and digits only: user input never reaches
 * to_tsquery as syntax.
 */

const CONFIGS = ["trustledger_nl", "trustledger_en", "trustledger_plain"] as const;

function wordQuery(word: string): RawBuilder<unknown> {
  const term = prefixTerm(word);
  return sql`(${sql.join(
    CONFIGS.map((config) => sql`to_tsquery(${sql.lit(config)}::regconfig, ${term})`),
    sql` || `,
  )})`;
}

export type SearchRow = {
  type: "interaction" | "client" | "contact" | "commitment";
  id: string;
  client_id: string;
  client_name: string;
  title: string;
  snippet: string;
  all_words: boolean;
  rank: number;
};

/** Marks matches for splitHighlights; the marks are taken out of the text first. */
const marked = (text: RawBuilder<unknown>, query: RawBuilder<unknown>, options: string) =>
  sql<string>`ts_headline('trustledger_plain'::regconfig, translate(${text}, ${HIGHLIGHT_START + HIGHLIGHT_STOP}, ''), ${query},
    ${`StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, ${options}`})`;

/**
 * The best `limit` records holding any of the words, those holding all of
 * them first, then by ts_rank (length-normalized). Every branch is limited
 * before the union, and snippets are made for the final rows only.
 */
export async function search(db: Kysely<DB>, orgId: string, words: readonly string[], limit: number): Promise<SearchRow[]> {
  if (words.length === 0) return [];
  const any = sql`(${sql.join(words.map(wordQuery), sql` || `)})`;
  const all = sql`(${sql.join(words.map(wordQuery), sql` && `)})`;
  const scored = (vector: RawBuilder<unknown>) => sql`(${vector} @@ ${all}) as all_words, ts_rank(${vector}, ${any}, 1) as rank`;
  const best = sql`order by all_words desc, rank desc limit ${limit}`;
  const result = await sql<SearchRow>`
    with found as (
      (select 'client' as type, c.id, c.id as client_id, c.name as client_name, c.name as title, coalesce(c.notes, '') as other,
              ${scored(sql`c.search_vector`)}
         from clients c
        where c.org_id = ${orgId} and c.search_vector @@ ${any}
        ${best})
      union all
      (select 'contact', k.id, k.client_id, c.name, k.name, concat_ws(' · ', k.role, k.email),
              ${scored(sql`k.search_vector`)}
         from contacts k
         join clients c on c.org_id = k.org_id and c.id = k.client_id
        where k.org_id = ${orgId} and k.search_vector @@ ${any}
        ${best})
      union all
      (select 'interaction', i.id, i.client_id, c.name, i.summary, coalesce(i.body, ''),
              ${scored(sql`i.search_vector`)}
         from interactions i
         join clients c on c.org_id = i.org_id and c.id = i.client_id
        where i.org_id = ${orgId} and i.search_vector @@ ${any}
        ${best})
      union all
      (select 'commitment', m.id, m.client_id, c.name, m.title, m.done_when,
              ${scored(sql`m.search_vector`)}
         from commitments m
         join clients c on c.org_id = m.org_id and c.id = m.client_id
        where m.org_id = ${orgId} and m.search_vector @@ ${any}
        ${best})
    ),
    top as (select * from found ${best})
    select type, id, client_id, client_name, all_words, rank,
           ${marked(sql`title`, any, "HighlightAll=true")} as title,
           ${marked(sql`other`, any, 'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "')} as snippet
      from top
     order by all_words desc, rank desc, type, id
  `.execute(db);
  return result.rows.map((row) => ({ ...row, rank: Number(row.rank) }));
}
