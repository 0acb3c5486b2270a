import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";
import type { Logger } from "../shared/logger.ts";

type Hit = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Hit) => void;
/** What the plugin hands a store at run time: the route's merged limit settings, with the route under routeInfo. */
type RouteParams = { routeInfo?: { method?: string | string[]; url?: string } };

/**
 * A store for @fastify/rate-limit that counts in the database, so that every
 * app instance sharing it enforces one limit (the plugin's default store
 * counts per process). A window starts with the first request and lasts its
 * time; one upsert per request both counts and reads. Each route counts on its
 * own, as with the default store. Keys are hashed: they hold client addresses
 * and e-mail addresses, which need not sit in a table.
 */
export function databaseRateLimitStore(db: Kysely<DB>, logger: Logger) {
  return class DatabaseRateLimitStore {
    readonly scope: string;

    constructor(params: object = {}) {
      const route = (params as RouteParams).routeInfo;
      const method = route?.method;
      this.scope = `${Array.isArray(method) ? method.join(",") : (method ?? "")} ${route?.url ?? ""}`;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(db, hashKey(`${this.scope}|${key}`), timeWindow).then(
        (hit) => callback(null, hit),
        (error: Error) => {
          // The plugin lets the request through (skipOnError); say so, or a dead limit would go unnoticed.
          logger.error({ err: error }, "rate limit could not be counted; the request was let through");
          callback(error);
        },
      );
    }

    child(params: object) {
      return new DatabaseRateLimitStore(params);
    }
  };
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}

/** Counts one request in the key's window, opening a new window when the last one ended. */
export async function countHit(db: Kysely<DB>, keyHash: string, windowMs: number): Promise<Hit> {
  const { rows } = await sql<{ hits: number; ttl_ms: number }>`
    insert into rate_limit_hits as h (key_hash, hits, window_ends_at)
    values (${keyHash}, 1, clock_timestamp() + ${windowMs} * interval '1 millisecond')
    on conflict (key_hash) do update set
      hits = case when h.window_ends_at <= clock_timestamp() then 1 else h.hits + 1 end,
      window_ends_at = case when h.window_ends_at <= clock_timestamp() then excluded.window_ends_at else h.window_ends_at end
    returning h.hits, greatest(0, ceil(extract(epoch from h.window_ends_at - clock_timestamp()) * 1000))::float8 as ttl_ms
  `.execute(db);
  const row = rows[0];
  if (!row) throw new Error("rate limit upsert returned no row");
  return { current: Number(row.hits), ttl: Number(row.ttl_ms) };
}

/** Housekeeping: forgets windows that ended. Returns how many. */
export async function forgetEndedWindows(db: Kysely<DB>): Promise<number> {
  const result = await db.deleteFrom("rate_limit_hits").where("window_ends_at", "<", sql<Date>`clock_timestamp()`).executeTakeFirst();
  return Number(result.numDeletedRows);
}
