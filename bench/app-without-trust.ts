/**
 * Bench only: `trustledger serve` with the trust ledger's in-transaction
 * consumer switched off, to measure what writing evidence adds to a
 * commitment close (bench/trust.ts). The composition root (src/app.ts)
 * registers the consumer when it is imported; registering the same name again
 * replaces it (domain-events.usecases.ts), here with one that does nothing.
 * Everything else is the app as `npm start` runs it: `node bench/app-without-trust.ts serve`.
 */
import "../src/app.ts";
import * as domainEvents from "../src/modules/domain-events/domain-events.usecases.ts";

domainEvents.consumeInTransaction("trust evidence", async () => {});
await import("../src/cli/main.ts");
