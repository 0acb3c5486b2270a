/**
 * The facts this module publishes through the one door (domain events), one
 * per affected client so each client's timeline and trust ledger see their own.
 * The trust ledger reads `foundBy` of incident.recorded and `withinPolicy` of
 * incident.disclosed (src/core/trust/evidence-rules.ts); `title` labels the evidence.
 */
export const INCIDENT_RECORDED = "incident.recorded";
export const INCIDENT_DISCLOSED = "incident.disclosed";
export const INCIDENT_NON_DISCLOSURE_PROPOSED = "incident.non_disclosure_proposed";
export const INCIDENT_NOT_TO_BE_DISCLOSED = "incident.not_to_be_disclosed";
export const INCIDENT_ESCALATED = "incident.escalated";

export type IncidentRecordedPayload = { incidentId: string; title: string; foundBy: string; severity: string };
export type IncidentDisclosedPayload = {
  incidentId: string;
  title: string;
  clientId: string;
  foundBy: string;
  channel: string;
  workingHoursToDisclosure: number;
  withinPolicy: boolean;
};
