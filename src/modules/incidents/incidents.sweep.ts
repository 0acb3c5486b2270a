import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import type { Logger } from "../../shared/logger.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import * as notifications from "../notifications/notifications.usecases.ts";
import * as organizations from "../organizations/organizations.usecases.ts";
import * as teams from "../teams/teams.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import { INCIDENT_ESCALATED } from "./incidents.events.ts";
import * as repo from "./incidents.repository.ts";

type Deps = { db: Kysely<DB>; clock: Clock; logger: Logger; baseUrl: string };
type Step = "lead" | "admins";

export const incidentLink = (baseUrl: string, id: string) => `${baseUrl.replace(/\/$/, "")}/incidents/${id}`;

/**
 * Who hears of an untold client at each step: first the team leads of the
 * client's team (the admins when the client has no team or its team no
 * lead), then, after a further period, the admins.
 */
async function recipients(trx: Kysely<DB>, orgId: string, step: Step, teamId: string | null): Promise<string[]> {
  const admins = await organizations.memberIdsWithRole({ db: trx }, orgId, "admin");
  if (step === "admins" || !teamId) return admins;
  const leads = new Set(await organizations.memberIdsWithRole({ db: trx }, orgId, "lead"));
  const teamLeads = ((await teams.membersOfTeams({ db: trx }, orgId, [teamId])).get(teamId) ?? []).filter((id) => leads.has(id));
  return teamLeads.length > 0 ? teamLeads : admins;
}

/**
 * One escalation step for one client of one error, in its own transaction:
 * the pair is locked (SKIP LOCKED: another instance's sweep leaves it), the
 * step is claimed by a conditional update (taken once, never again), and the
 * notifications, their e-mails and the timeline's fact are written with it.
 * A crash anywhere rolls the step back whole; the next sweep takes it again.
 */
async function stepOne(deps: Deps, step: Step, key: { org_id: string; incident_id: string; client_id: string }, now: Date) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockDueStep(trx, key.org_id, key.incident_id, key.client_id);
    if (!row || row.settled_at) return false;
    if (!(await repo.markStep(trx, row.org_id, row.incident_id, row.client_id, step, now))) return false;
    const to = await recipients(trx, row.org_id, step, row.team_id);
    const time = await workingTime.loadOrganizationTime({ db: trx }, row.org_id);
    const params = {
      title: row.title,
      clientName: row.client_name,
      dueAt: new Date(row.disclose_by).toISOString(),
      link: incidentLink(deps.baseUrl, row.incident_id),
    };
    await notifications.notifyMany(
      trx,
      deps.clock,
      to.map((userId) => ({
        orgId: row.org_id,
        userId,
        kind: step === "lead" ? "incident.escalated_to_lead" : "incident.escalated_to_admins",
        params,
        language: time.language,
        timeZone: time.settings.timeZone,
        dedupeKey: `incident:${step}:${row.incident_id}:${row.client_id}:${userId}`,
        email: true,
        commitmentId: null,
      })),
    );
    await domainEvents.publish(trx, {
      orgId: row.org_id,
      id: newId(),
      type: INCIDENT_ESCALATED,
      subjectType: "incident",
      subjectId: row.incident_id,
      clientId: row.client_id,
      actorId: null,
      payload: { incidentId: row.incident_id, title: row.title, level: step, to, discloseBy: params.dueAt },
      occurredAt: now,
    });
    return true;
  });
}

/**
 * Clients not told of an error within the policy: the team lead first, then
 * the admins, in the app and by e-mail, until the client is told or not
 * telling them is approved. One failing pair is logged and the others go on;
 * the sweep then fails so System status shows it.
 */
export async function escalateUndisclosed(deps: Deps, options: { batch?: number } = {}) {
  const now = deps.clock.now();
  const limit = options.batch ?? 200;
  const counts = { lead: 0, admins: 0, failed: 0 };
  for (const step of ["lead", "admins"] as const) {
    for (const key of await repo.dueForStep(deps.db, step, now, limit)) {
      try {
        if (await stepOne(deps, step, key, now)) counts[step]++;
      } catch (error) {
        counts.failed++;
        deps.logger.error(
          { err: error, orgId: key.org_id, incident: key.incident_id },
          "incident escalation step failed; it is tried again",
        );
      }
    }
  }
  if (counts.lead + counts.admins > 0) deps.logger.info(counts, "untold errors escalated");
  if (counts.failed > 0) throw new Error(`${counts.failed} incident escalation step(s) failed; the next sweep tries again`);
  return { lead: counts.lead, admins: counts.admins };
}
