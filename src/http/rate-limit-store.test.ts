import { Writable } from "node:stream";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/helpers/database.ts";
import type { DatabaseHandle } from "../db/connection.ts";
import { countHit, databaseRateLimitStore, forgetEndedWindows, hashKey } from "./rate-limit-store.ts";

/** The rate-limit counts in the database, on the embedded database and PostgreSQL alike. */
let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const MINUTE = 60_000;
const endWindow = (keyHash: string) =>
  database.db
    .updateTable("rate_limit_hits")
    .set({ window_ends_at: sql<Date>`clock_timestamp() - interval '1 second'` })
    .where("key_hash", "=", keyHash)
    .execute();

function incr(store: InstanceType<ReturnType<typeof databaseRateLimitStore>>, key: string, windowMs = MINUTE) {
  return new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    store.incr(key, (error, hit) => (error || !hit ? reject(error) : resolve(hit)), windowMs),
  );
}

describe("countHit", () => {
  it("counts requests in one window and says how long it has left", async () => {
    const key = hashKey("count");
    const hits = [];
    for (let i = 0; i < 3; i++) hits.push(await countHit(database.db, key, MINUTE));
    expect(hits.map((hit) => hit.current)).toEqual([1, 2, 3]);
    for (const hit of hits) {
      expect(hit.ttl).toBeGreaterThan(0);
      expect(hit.ttl).toBeLessThanOrEqual(MINUTE);
    }
    // The window is fixed at the first request: later requests do not push its end.
    expect(hits[2]?.ttl).toBeLessThanOrEqual(hits[0]?.ttl ?? 0);
  });

  it("starts a new window once the last one ended", async () => {
    const key = hashKey("restart");
    await countHit(database.db, key, MINUTE);
    await countHit(database.db, key, MINUTE);
    await endWindow(key);
    const fresh = await countHit(database.db, key, MINUTE);
    expect(fresh.current).toBe(1);
    expect(fresh.ttl).toBeGreaterThan(MINUTE - 10_000);
  });

  it("keeps separate keys apart", async () => {
    await countHit(database.db, hashKey("a"), MINUTE);
    await countHit(database.db, hashKey("a"), MINUTE);
    expect((await countHit(database.db, hashKey("b"), MINUTE)).current).toBe(1);
  });
});

describe("the store the HTTP layer uses", () => {
  const quiet = pino({ level: "silent" });

  it("counts per route: the same caller on two routes has two counts", async () => {
    const Store = databaseRateLimitStore(database.db, quiet);
    const root = new Store({});
    const signin = root.child({ routeInfo: { method: "POST", url: "/api/v1/session" } });
    const portal = root.child({ routeInfo: { method: "GET", url: "/portal/:token" } });
    expect((await incr(signin, "10.0.0.1|a@example.test")).current).toBe(1);
    expect((await incr(signin, "10.0.0.1|a@example.test")).current).toBe(2);
    expect((await incr(portal, "10.0.0.1|a@example.test")).current).toBe(1);
    // A second store object for the same route (another app instance) shares the count.
    const again = new Store({}).child({ routeInfo: { method: "POST", url: "/api/v1/session" } });
    expect((await incr(again, "10.0.0.1|a@example.test")).current).toBe(3);
  });

  it("keeps no address or e-mail address in the table, only hashes", async () => {
    const Store = databaseRateLimitStore(database.db, quiet);
    await incr(new Store({ routeInfo: { method: "POST", url: "/x" } }), "192.0.2.7|geheim@example.test");
    const rows = await database.db.selectFrom("rate_limit_hits").select("key_hash").execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.key_hash).not.toContain("192.0.2.7");
      expect(row.key_hash).not.toContain("geheim");
      expect(row.key_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it("reports a failure to count to its callback and to the log", async () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino(
      { level: "info" },
      new Writable({
        write(chunk, _encoding, done) {
          for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
          done();
        },
      }),
    );
    // A database the table is missing from: every count fails.
    const broken = await createTestDatabase();
    try {
      await sql`drop table rate_limit_hits`.execute(broken.db);
      const store = new (databaseRateLimitStore(broken.db, logger))({});
      await expect(incr(store, "k")).rejects.toBeInstanceOf(Error);
      expect(lines.some((line) => line.level === 50 && /let through/.test(line.msg))).toBe(true);
    } finally {
      await broken.close();
    }
  });
});

describe("forgetEndedWindows", () => {
  it("removes the windows that ended and keeps the running ones", async () => {
    const ended = hashKey("ended");
    const running = hashKey("running");
    await countHit(database.db, ended, MINUTE);
    await countHit(database.db, running, MINUTE);
    await endWindow(ended);
    expect(await forgetEndedWindows(database.db)).toBeGreaterThanOrEqual(1);
    const left = (await database.db.selectFrom("rate_limit_hits").select("key_hash").execute()).map((row) => row.key_hash);
    expect(left).toContain(running);
    expect(left).not.toContain(ended);
  });
});
