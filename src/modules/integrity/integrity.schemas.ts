import { z } from "zod";
import { uuid } from "../../shared/fields.ts";

/**
 * The integrity dashboard (PRODUCT.md C7): errors still untold and how fast
 * we tell, the red-face exposure of our indexation clauses in cents, the
 * corrections made, and the indexed contracts nobody ever audited — for the
 * organization, or one client with `?clientId=`.
 */
export const integrityQuery = z.strictObject({
  clientId: uuid.optional().meta({ description: "Only this client's errors and contracts." }),
});

const cents = z.number().int();
const moneyFigures = { overchargeCents: cents, correctedCents: cents, outstandingCents: cents };

export const integritySchema = z
  .object({
    asOf: z.string().meta({ description: "The moment the figures were worked out (ISO 8601)." }),
    clientId: uuid.nullable(),
    errors: z.object({
      openIncidents: z.number().int().meta({ description: "Errors with at least one client not yet told (nor approved not to be)." }),
      untoldClients: z.number().int().meta({ description: "(error, client) pairs not yet told." }),
      overdue: z.number().int().meta({ description: "Of those, past the disclosure policy's deadline." }),
      untold: z.array(
        z.object({
          incidentId: uuid,
          title: z.string(),
          severity: z.string(),
          clientId: uuid,
          clientName: z.string(),
          discoveredAt: z.string(),
          discloseBy: z.string(),
          overdue: z.boolean(),
        }),
      ),
      recordedLastYear: z.number().int(),
      foundByClientLastYear: z.number().int(),
      disclosedLastYear: z.number().int(),
      withinPolicyLastYear: z.number().int(),
      medianWorkingHoursToDisclosure: z.number().nullable().meta({ description: "Over the last 365 days; null without disclosures." }),
      trend: z.array(z.object({ month: z.string(), disclosures: z.number().int(), medianWorkingHours: z.number().nullable() })),
    }),
    exposure: z.object({
      ...moneyFigures,
      underchargeCents: cents,
      contractsIndexed: z.number().int(),
      contractsOvercharged: z.number().int(),
      contractsOutstanding: z.number().int(),
      contractsIncomplete: z.number().int().meta({ description: "Audits with a year waiting for an index figure the series lacks." }),
      contractsUnauditable: z
        .number()
        .int()
        .meta({ description: "Clauses that cannot be audited as recorded (e.g. a base period the series lacks)." }),
      byClient: z.array(z.object({ clientId: uuid, clientName: z.string(), contracts: z.number().int(), ...moneyFigures })),
      topContracts: z.array(z.object({ contractId: uuid, clientId: uuid, clientName: z.string(), title: z.string(), ...moneyFigures })),
    }),
    corrections: z.object({
      count: z.number().int(),
      refundCents: cents,
      raisedByClient: z.number().int().meta({ description: "Corrections the client had to ask for." }),
    }),
    neverAudited: z.object({
      count: z.number().int(),
      contracts: z.array(z.object({ contractId: uuid, clientId: uuid, clientName: z.string(), title: z.string() })),
    }),
  })
  .meta({ id: "IntegrityDashboard" });
export type IntegrityDashboard = z.infer<typeof integritySchema>;
