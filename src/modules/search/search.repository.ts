import { type Kysely, type RawBuilder, sql } from "kysely";
import { HIGHLIGHT_START, HIGHLIGHT_STOP, isPrefix, prefixTerm } from "../../core/full-text.ts";
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

/**
 * Per word, the lexemes PostgreSQL makes of it in the three configurations
 * (from prefixTerm's safe input), as one tsquery text: "offertes" →
 * 'offert':* | 'offertes':*. Duplicates and lexemes that a shorter one already
 * covers as a prefix are left out, so each word costs the GIN index as few
 * lookups as possible. Words that are stop words in every configuration drop out.
 */
async function wordQueries(db: Kysely<DB>, words: readonly string[]): Promise<{ word: string; query: string }[]> {
  const terms = words.map(prefixTerm);
  const result = await sql<{ n: number; query: string }>`
    select n::int, ${sql.join(
      CONFIGS.map((config) => sql`to_tsquery(${sql.lit(config)}::regconfig, term)`),
      sql` || `,
    )}::text as query
      from unnest(${terms}::text[]) with ordinality as t(term, n)`.execute(db);
  const found: { word: string; query: string }[] = [];
  for (const row of result.rows) {
    const lexemes = [...new Set([...row.query.matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? "").replaceAll("''", "'")))];
    // A prefix covers every longer lexeme it starts; exact words cover only themselves.
    const covers = (other: string, lexeme: string) => other !== lexeme && isPrefix(words[row.n - 1] as string) && lexeme.startsWith(other);
    const kept = lexemes.filter((lexeme) => lexeme !== "" && !lexemes.some((other) => covers(other, lexeme)));
    if (kept.length === 0) continue;
    const word = words[row.n - 1] as string;
    const quote = (lexeme: string) => `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'${isPrefix(word) ? ":*" : ""}`;
    found.push({ word, query: kept.map(quote).join(" | ") });
  }
  return found;
}

export type SearchRow = {
  type: "interaction" | "client" | "contact" | "commitment";
  id: string;
  client_id: string;
  client_name: string;
  title: string;
  snippet: string;
  all_words: boolean;
  weight: number;
  rank: number;
};

/** Marks matches for splitHighlights; the marks are taken out of the text first. */
const marked = (text: RawBuilder<unknown>, query: RawBuilder<unknown>, options: string) =>
  sql<string>`ts_headline('trustledger_plain'::regconfig, translate(${text}, ${HIGHLIGHT_START + HIGHLIGHT_STOP}, ''), ${query},
    ${`StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, ${options}`})`;

/** Rows each word may bring in per table: a word in half the firm's notes must not make every search read them all. */
export const CANDIDATES_PER_WORD = 500;
/** Rows holding every word, per table: usually few, and the best; kept apart from the per-word share. */
export const CANDIDATES_WITH_ALL_WORDS = 1000;

const TABLES = [
  { type: "client", table: "clients", title: "name", other: sql`coalesce(notes, '')`, client: "id", ownClient: false },
  { type: "contact", table: "contacts", title: "name", other: sql`concat_ws(' · ', role, email)`, client: "client_id", ownClient: true },
  { type: "interaction", table: "interactions", title: "summary", other: sql`coalesce(body, '')`, client: "client_id", ownClient: true },
  { type: "commitment", table: "commitments", title: "title", other: sql`done_when`, client: "client_id", ownClient: true },
] as const;

/**
 * The best `limit` records holding any of the words, ordered by:
 * 1. whether every word is covered;
 * 2. how rare the covered words are among everything found (Σ ln(1 + found / found with the word)),
 *    so "bezwaarschrift indienen" ranks the one record with "bezwaarschrift" above the many with "indienen";
 * 3. ts_rank (titles weigh more; length-normalized).
 * A word covers a record when the record's own text holds it, when its title
 * holds it inside a longer word (Dutch compounds: "jaarrekening" in
 * "Conceptjaarrekening"), or — for contacts, interactions and commitments —
 * when it is in the name of the client the record belongs to ("kapsalon
 * schijnzelfstandigheid").
 *
 * Candidates come from the GIN indexes only (sequential scans are switched off
 * for the statement: the estimates for prefix terms are too rough to trust with
 * a table of millions): per table the rows holding every word, and per word a
 * bounded share of the rows holding it. A query of common words thus ranks a
 * sample of their rows; a rare word always brings all of its rows. Snippets
 * are made for the final rows only.
 */
export async function search(db: Kysely<DB>, orgId: string, words: readonly string[], limit: number): Promise<SearchRow[]> {
  if (words.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const queries = await wordQueries(trx, words);
    if (queries.length === 0) return [];
    await sql`set local enable_seqscan = off`.execute(trx);
    return searchWith(trx, orgId, queries, limit);
  });
}

async function searchWith(db: Kysely<DB>, orgId: string, queries: { word: string; query: string }[], limit: number): Promise<SearchRow[]> {
  const words = queries.map((q) => q.word);
  const perWord = queries.map((q) => sql`${q.query}::tsquery`);
  const any = sql`${queries.map((q) => q.query).join(" | ")}::tsquery`;
  const all = sql`${queries.map((q) => `(${q.query})`).join(" & ")}::tsquery`;
  // Per word, the clients whose name (the A-weighted part of their vector) holds it.
  const named = perWord.map(
    (query, i) =>
      sql`${sql.ref(`named${i}`)} as (select id from clients where org_id = ${orgId} and search_vector @@ ${query} and ts_filter(search_vector, '{a}') @@ ${query})`,
  );
  // Written so no b-tree index can answer it: with a LIMIT the planner would otherwise walk an
  // organization's rows by primary key and test each one, trusting a rough estimate of how many match.
  const sameOrg = sql`coalesce(org_id, '') = ${orgId}`;
  const candidates = TABLES.map(
    ({ table }) =>
      sql`${sql.ref(`candidates_${table}`)} as (${sql.join(
        [
          sql`(select id from ${sql.ref(table)} where ${sameOrg} and search_vector @@ ${all} limit ${CANDIDATES_WITH_ALL_WORDS})`,
          // One word: the rows holding every word are the rows holding it, already read above.
          ...(perWord.length === 1 ? [] : perWord).map(
            (query) => sql`(select id from ${sql.ref(table)} where ${sameOrg} and search_vector @@ ${query} limit ${CANDIDATES_PER_WORD})`,
          ),
        ],
        sql` union `,
      )})`,
  );
  const found = TABLES.map(({ type, table, title, other, client, ownClient }) => {
    const covered = sql.join(
      perWord.map(
        (query, i) =>
          sql`search_vector @@ ${query} as ${sql.ref(`own${i}`)},
              (search_vector @@ ${query} or strpos(lower(unaccent(${sql.ref(title)})), lower(unaccent(${words[i]}))) > 0${
                ownClient ? sql` or client_id in (select id from ${sql.ref(`named${i}`)})` : sql``
              }) as ${sql.ref(`m${i}`)}`,
      ),
      sql`, `,
    );
    return sql`select ${sql.lit(type)}::text as type, id, ${sql.ref(client)} as client_id, ${sql.ref(title)} as title, ${other} as other,
             ts_rank(search_vector, ${any}, 1) as rank, ${covered}
        from ${sql.ref(table)}
       where org_id = ${orgId} and id in (select id from ${sql.ref(`candidates_${table}`)})`;
  });
  const flags = words.map((_, i) => sql.ref(`m${i}`));
  const allWords = sql.join(flags, sql` and `);
  // A word in the record's own words counts fully; inside a compound of its title or in its client's name, half.
  const weight = sql.join(
    flags.map(
      (flag, i) =>
        sql`case when ${flag} then ln(1 + count(*) over () / greatest(1, sum(${flag}::int) over ()))
                                   * case when ${sql.ref(`own${i}`)} then 1 else 0.5 end
                 else 0 end`,
    ),
    sql` + `,
  );
  const result = await sql<SearchRow>`
      with ${sql.join([...named, ...candidates], sql`, `)},
      found as (${sql.join(found, sql` union all `)}),
      scored as (select type, id, client_id, title, other, rank, ${allWords} as all_words, ${weight} as weight from found),
      top as (select * from scored order by all_words desc, weight desc, rank desc, type, id limit ${limit})
      select top.type, top.id, top.client_id, c.name as client_name, top.all_words, top.weight, top.rank,
             ${marked(sql`top.title`, any, "HighlightAll=true")} as title,
             ${marked(sql`top.other`, any, 'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "')} as snippet
        from top
        join clients c on c.org_id = ${orgId} and c.id = top.client_id
       order by top.all_words desc, top.weight desc, top.rank desc, top.type, top.id
    `.execute(db);
  return result.rows.map((row) => ({ ...row, rank: Number(row.rank), weight: Number(row.weight) }));
}
