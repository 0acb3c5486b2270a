import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import * as repo from "./notifications.repository.ts";

/**
 * Writes the outcomes of e-mail attempts as they finish, many in one
 * statement: while one write is under way the next outcomes gather, so under
 * load one commit settles a dozen e-mails, while a lone e-mail is still
 * settled at once. Each `settle` resolves when its outcome is written: true
 * when the row was still this attempt's claim.
 */
export function createSettler(db: Kysely<DB>) {
  type Waiting = { settlement: repo.Settlement; resolve: (settled: boolean) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  let writing = false;

  async function drain() {
    writing = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting;
        waiting = [];
        try {
          const settled = await repo.settleAttempts(
            db,
            batch.map((w) => w.settlement),
          );
          for (const w of batch) w.resolve(settled.has(w.settlement.id));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      writing = false;
    }
  }

  return {
    settle(settlement: repo.Settlement): Promise<boolean> {
      return new Promise((resolve, reject) => {
        waiting.push({ settlement, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
