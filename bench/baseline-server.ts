import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import Fastify from "fastify";
import pg from "pg";

/**
 * The bare baseline: a minimal Fastify server running exactly the SQL the app
 * runs for each benchmarked request (captured from the app's own use-cases),
 * through `pg`, without authentication, validation or serialization schemas.
 */
type Captured = { sql: string; parameters: unknown[] };
type Scenario = { queries: Captured[]; transactional: boolean; freshId?: string };

const scenarios: Record<string, Scenario> = JSON.parse(readFileSync(process.env.BENCH_QUERIES as string, "utf8"));
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify();

async function replay(scenario: Scenario) {
  const id = scenario.freshId ? randomUUID() : undefined;
  const params = (parameters: unknown[]) => parameters.map((p) => (id && p === scenario.freshId ? id : p));
  const client = await pool.connect();
  try {
    if (scenario.transactional) await client.query("begin");
    let rows: unknown[] = [];
    for (const query of scenario.queries) rows = (await client.query(query.sql, params(query.parameters))).rows;
    if (scenario.transactional) await client.query("commit");
    return rows;
  } catch (error) {
    if (scenario.transactional) await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

for (const [name, scenario] of Object.entries(scenarios)) {
  const method = scenario.transactional ? "POST" : "GET";
  app.route({ method, url: `/${name}`, handler: async () => replay(scenario) });
}

// Answers once the pool has a connection free: after a measurement, the run waits for this to be quick
// again (requests a load generator gave up on are still being worked off until then).
app.get("/readyz", async () => (await pool.query("select 1 as ok")).rows[0]);

await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
console.log("baseline ready");
