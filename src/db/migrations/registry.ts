import type { Migration } from "kysely/migration";
import * as auth from "./0001_auth.ts";
import * as clients from "./0002_clients.ts";
import * as clientContactCount from "./0003_client_contact_count.ts";
import * as commitments from "./0004_commitments.ts";
import * as notifications from "./0005_notifications.ts";
import * as portal from "./0006_portal.ts";
import * as callbacks from "./0007_callbacks.ts";
import * as reliabilityFigures from "./0008_reliability_figures.ts";
import * as rateLimits from "./0009_rate_limits.ts";
import * as callbackAlerts from "./0010_callback_alerts.ts";
import * as mailGuarantees from "./0011_mail_guarantees.ts";
import * as apiTokenScopes from "./0012_api_token_scopes.ts";
import * as reopenFigures from "./0013_reopen_figures.ts";
import * as domainEventsAndTrust from "./0014_domain_events_and_trust.ts";
import * as interactions from "./0015_interactions.ts";
import * as clientRisks from "./0016_client_risks.ts";
import * as pulse from "./0017_pulse.ts";
import * as clientConductProfileTrackRecord from "./0018_client_conduct_profile_track_record.ts";
import * as trustReadPaths from "./0019_trust_read_paths.ts";
import * as indexSeries from "./0020_index_series.ts";
import * as incidents from "./0021_incidents.ts";
import * as contracts from "./0022_contracts.ts";
import * as contractAuditMarks from "./0023_contract_audit_marks.ts";
import * as rateCard from "./0024_rate_card.ts";
import * as engagements from "./0025_engagements.ts";

/**
 * Every migration, in order, listed by hand: grep finds them all, nothing is
 * loaded from a folder by name. Released migrations are never edited; a change
 * is a new file appended here.
 */
export const migrations: Record<string, Migration> = {
  "0001_auth": auth,
  "0002_clients": clients,
  "0003_client_contact_count": clientContactCount,
  "0004_commitments": commitments,
  "0005_notifications": notifications,
  "0006_portal": portal,
  "0007_callbacks": callbacks,
  "0008_reliability_figures": reliabilityFigures,
  "0009_rate_limits": rateLimits,
  "0010_callback_alerts": callbackAlerts,
  "0011_mail_guarantees": mailGuarantees,
  "0012_api_token_scopes": apiTokenScopes,
  "0013_reopen_figures": reopenFigures,
  "0014_domain_events_and_trust": domainEventsAndTrust,
  "0015_interactions": interactions,
  "0016_client_risks": clientRisks,
  "0017_pulse": pulse,
  "0018_client_conduct_profile_track_record": clientConductProfileTrackRecord,
  "0019_trust_read_paths": trustReadPaths,
  "0020_index_series": indexSeries,
  "0021_incidents": incidents,
  "0022_contracts": contracts,
  "0023_contract_audit_marks": contractAuditMarks,
  "0024_rate_card": rateCard,
  "0025_engagements": engagements,
};
