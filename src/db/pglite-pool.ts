import type { PGlite } from "@electric-sql/pglite";

/**
 * PGlite has exactly one connection. Everything that talks to it (Kysely, the
 * auth library, the job queue) goes through this pool, which hands that one
 * connection to one borrower at a time. Without the queue a query from one
 * request could run inside another request's open transaction and be rolled
 * back with it.
 *
 * The shape mimics the part of `pg.Pool` that Kysely's PostgresDialect uses,
 * so the embedded and the server database share one dialect and one compiler.
 */
export type PgliteQueryResult = {
  command: string;
  rowCount: number;
  rows: Record<string, unknown>[];
};

export class PglitePoolClient {
  readonly #db: PGlite;
  readonly #release: () => void;
  #released = false;

  constructor(db: PGlite, release: () => void) {
    this.#db = db;
    this.#release = release;
  }

  async query(text: string, values: readonly unknown[] = []): Promise<PgliteQueryResult> {
    if (this.#released) throw new Error("PGlite client used after release");
    if (values.length === 0) {
      // The simple protocol allows several statements in one text (migrations do that).
      const results = await this.#db.exec(text);
      const last = results.at(-1);
      return {
        command: last?.command ?? commandOf(text),
        rowCount: last?.rowCount ?? last?.affectedRows ?? 0,
        rows: (last?.rows as Record<string, unknown>[]) ?? [],
      };
    }
    const result = await this.#db.query<Record<string, unknown>>(text, values as unknown[]);
    return {
      command: result.command ?? commandOf(text),
      rowCount: result.rowCount ?? result.affectedRows ?? 0,
      rows: result.rows,
    };
  }

  /**
   * Several statements in one text, with the rows of every statement in
   * order (the job queue reads a lock row from one statement and a result
   * from a later one).
   */
  async queryAll(text: string): Promise<{ rows: Record<string, unknown>[] }> {
    if (this.#released) throw new Error("PGlite client used after release");
    const results = await this.#db.exec(text);
    return { rows: results.flatMap((result) => (result.rows as Record<string, unknown>[]) ?? []) };
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#release();
  }
}

function commandOf(text: string): string {
  return (/^\s*([a-z]+)/i.exec(text)?.[1] ?? "").toUpperCase();
}

export class PglitePool {
  readonly db: PGlite;
  /** The tail of the queue: the next borrower waits for this promise. */
  #tail: Promise<void> = Promise.resolve();
  #ended = false;
  // Kysely reads these two fields of a pg.Pool; neither is used for PGlite.
  readonly options = {};
  readonly Client = undefined;

  constructor(db: PGlite) {
    this.db = db;
  }

  async connect(): Promise<PglitePoolClient> {
    if (this.#ended) throw new Error("The embedded database is closed");
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    await previous;
    return new PglitePoolClient(this.db, release);
  }

  /** Runs `work` with the connection held, for callers outside Kysely. */
  async withClient<T>(work: (client: PglitePoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    await this.#tail;
    await this.db.close();
  }
}
