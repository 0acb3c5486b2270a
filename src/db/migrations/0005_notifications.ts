import type { Kysely } from "kysely";

/** Placeholder: filled in before release. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
