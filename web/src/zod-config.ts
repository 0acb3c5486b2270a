import { config } from "zod";

/**
 * zod compiles object schemas with `new Function` when it can, probing for that
 * with an eval the Content-Security-Policy (no 'unsafe-eval') reports as a
 * violation. The web app validates small forms: the plain interpreter is plenty.
 * Imported first in main.tsx, before any schema is used.
 */
config({ jitless: true });
