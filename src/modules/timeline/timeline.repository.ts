import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/** The names of the people who acted on a page of the timeline, members or former members (read-only). */
export async function userNames(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("user").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
