import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { canSeeTeamFigures } from "../../core/roles.ts";
import { reading, sumsOf } from "../../core/trust/beta.ts";
import { TRUST_CORES, type TrustCore } from "../../core/trust/cores.ts";
import { lagOf, selfToUnit, TEAM_PROFILE_MINIMUM } from "../../core/trust/profile.ts";
import type { DB } from "../../db/schema.ts";
import type { Language } from "../../i18n/translate.ts";
import { forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import * as teams from "../teams/teams.usecases.ts";
import { explainEvidence } from "./trust.explain.ts";
import * as repo from "./trust.profile.repository.ts";
import type {
  SelfAssessmentInput,
  SelfAssessments,
  StoredSelfAssessment,
  TeamTrustProfile,
  TrustProfile,
} from "./trust.profile.schemas.ts";

/**
 * The personal trust profile (PRODUCT.md C6): a person's own evidence across
 * every client, per core, beside their own view of themselves. Private: every
 * function here works on the actor's own user id; none takes another's. Leads
 * and admins see a team's evidence only added together, and only when enough
 * members have evidence that no one can be read off it.
 */
type Deps = { db: Kysely<DB>; clock: Clock };

const DEFAULT_HALF_LIFE_DAYS = 180;
const RECENT_ITEMS = 20;

type EvidenceRow = Awaited<ReturnType<typeof repo.liveEvidenceOf>>[number];

/** Per core the Beta reading of the rows, decayed to `now`, and per kind how many facts (events) there are. */
function readingsOf(rows: readonly EvidenceRow[], halfLifeDays: number, now: Date) {
  const cores = Object.fromEntries(
    TRUST_CORES.map((core) => {
      const mine = rows.filter((row) => row.core === core);
      const sums = sumsOf(
        mine.map((row) => ({ weight: row.weight, occurredAt: new Date(row.occurred_at) })),
        halfLifeDays,
        now,
      );
      return [core, { ...reading(sums), evidenceCount: mine.length }];
    }),
  ) as TrustProfile["cores"];
  const events = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = events.get(row.kind) ?? new Set<string>();
    set.add(row.event_id);
    events.set(row.kind, set);
  }
  const kinds = Object.fromEntries([...events].sort(([a], [b]) => a.localeCompare(b)).map(([kind, ids]) => [kind, ids.size]));
  return { cores, kinds };
}

const scoresOf = (cores: TrustProfile["cores"]) =>
  Object.fromEntries(TRUST_CORES.map((core) => [core, cores[core].score])) as Record<TrustCore, number>;

function toStored(row: Awaited<ReturnType<typeof repo.latestSelfAssessments>>[number]): StoredSelfAssessment {
  return {
    id: row.id,
    integrity: row.integrity,
    intent: row.intent,
    capabilities: row.capabilities,
    results: row.results,
    note: row.note,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

async function selfAssessmentsOf(db: Kysely<DB>, actor: Actor): Promise<SelfAssessments> {
  const [latest, previous] = (await repo.latestSelfAssessments(db, actor.orgId, actor.userId, 2)).map(toStored);
  return { latest: latest ?? null, previous: previous ?? null };
}

/** The signed-in person's own profile. There is no way to ask for anyone else's. */
export async function getMyTrustProfile(deps: Deps, actor: Actor, language: Language): Promise<TrustProfile> {
  const now = deps.clock.now();
  const halfLifeDays = (await repo.findHalfLifeDays(deps.db, actor.orgId)) ?? DEFAULT_HALF_LIFE_DAYS;
  const [rows, recent, selfAssessment] = await Promise.all([
    repo.liveEvidenceOf(deps.db, actor.orgId, [actor.userId]),
    repo.recentEvidenceOf(deps.db, actor.orgId, actor.userId, RECENT_ITEMS),
    selfAssessmentsOf(deps.db, actor),
  ]);
  const { cores, kinds } = readingsOf(rows, halfLifeDays, now);
  const latest = selfAssessment.latest;
  const self = latest
    ? (Object.fromEntries(TRUST_CORES.map((core) => [core, selfToUnit(latest[core])])) as Record<TrustCore, number>)
    : null;
  const compared = Object.fromEntries(
    TRUST_CORES.map((core) => {
      const evidence = cores[core].score;
      const mine = self ? self[core] : null;
      return [core, { evidence, self: mine, difference: mine === null ? null : mine - evidence }];
    }),
  ) as TrustProfile["comparison"]["cores"];
  return {
    asOf: now.toISOString(),
    halfLifeDays,
    cores,
    kinds,
    recent: recent.map((row) => {
      const occurredAt = new Date(row.occurred_at);
      return {
        id: row.id,
        core: row.core,
        kind: row.kind,
        occurredAt: occurredAt.toISOString(),
        weight: row.weight,
        client: { id: row.client_id, name: row.client_name },
        label: row.label,
        explanation: explainEvidence(
          language,
          { core: row.core, kind: row.kind, weight: row.weight, label: row.label, note: row.note, occurredAt },
          now,
        ),
      };
    }),
    selfAssessment,
    comparison: { cores: compared, evidence: lagOf(scoresOf(cores)), self: self ? lagOf(self) : null },
  };
}

/** Keeps a new self-assessment (the earlier ones stay: the profile shows the latest beside the one before). */
export async function recordSelfAssessment(deps: Deps, actor: Actor, input: SelfAssessmentInput): Promise<SelfAssessments> {
  await repo.insertSelfAssessment(deps.db, {
    org_id: actor.orgId,
    id: newId(),
    user_id: actor.userId,
    integrity: input.integrity,
    intent: input.intent,
    capabilities: input.capabilities,
    results: input.results,
    note: input.note ? input.note : null,
    created_at: deps.clock.now(),
  });
  return selfAssessmentsOf(deps.db, actor);
}

/**
 * A team's evidence added together, for leads and admins: no per-person
 * numbers and no self-assessments, and nothing at all until at least
 * TEAM_PROFILE_MINIMUM members have evidence.
 */
export async function getTeamTrustProfile(deps: Deps, actor: Actor, teamId: string): Promise<TeamTrustProfile> {
  if (!canSeeTeamFigures(actor.role)) throw forbidden();
  if (!(await teams.teamExists(deps, actor.orgId, teamId))) throw notFound("teams.not_found");
  const members = (await teams.membersOfTeams(deps, actor.orgId, [teamId])).get(teamId) ?? [];
  const rows = await repo.liveEvidenceOf(deps.db, actor.orgId, members);
  const withEvidence = new Set(rows.map((row) => row.subject_user_id)).size;
  const unavailable = {
    teamId,
    available: false,
    minimumMembers: TEAM_PROFILE_MINIMUM,
    membersWithEvidence: null,
    cores: null,
    kinds: null,
    lag: null,
  };
  if (withEvidence < TEAM_PROFILE_MINIMUM) return unavailable;
  const halfLifeDays = (await repo.findHalfLifeDays(deps.db, actor.orgId)) ?? DEFAULT_HALF_LIFE_DAYS;
  const { cores, kinds } = readingsOf(rows, halfLifeDays, deps.clock.now());
  return {
    ...unavailable,
    available: true,
    membersWithEvidence: withEvidence,
    cores,
    kinds,
    lag: lagOf(scoresOf(cores)),
  };
}
