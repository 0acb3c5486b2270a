import type { ColumnType, Generated } from "kysely";
import type { CommitmentTables } from "./schema-commitments.ts";
import type { ContractTables } from "./schema-contracts.ts";
import type { EngagementTables } from "./schema-engagements.ts";
import type { IncidentTables } from "./schema-incidents.ts";
import type { IndexSeriesTables } from "./schema-index-series.ts";
import type { InteractionTables } from "./schema-interactions.ts";
import type { NotificationTables } from "./schema-notifications.ts";
import type { ProfileTables } from "./schema-profile.ts";
import type { RateCardTables } from "./schema-rate-card.ts";
import type { TrustTables } from "./schema-trust.ts";

/**
 * Hand-written table types: the source of truth is the migrations; these say
 * what the code may read and write. Timestamps come back as Date (see type-parsers.ts).
 */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface SessionTable {
  id: string;
  token: string;
  userId: string;
  expiresAt: Timestamp;
  activeOrganizationId: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface OrganizationTable {
  id: string;
  name: string;
  slug: string;
  logo: string | null;
  createdAt: Timestamp;
  metadata: string | null;
}

export interface MemberTable {
  id: string;
  organizationId: string;
  userId: string;
  role: string;
  createdAt: Timestamp;
}

export interface InvitationTable {
  id: string;
  organizationId: string;
  email: string;
  role: string | null;
  status: string;
  expiresAt: Timestamp;
  createdAt: CreatedAt;
  inviterId: string;
}

export interface InstanceSettingsTable {
  key: string;
  value: string;
}

export interface RateLimitHitsTable {
  key_hash: string;
  hits: number;
  window_ends_at: Date;
}

export interface TeamsTable {
  org_id: string;
  id: string;
  name: string;
  created_at: CreatedAt;
}

export interface TeamMembersTable {
  org_id: string;
  team_id: string;
  user_id: string;
}

export interface ExpertiseTable {
  org_id: string;
  user_id: string;
  topic: string;
  created_at: CreatedAt;
}

export interface ClientsTable {
  org_id: string;
  id: string;
  kind: "company" | "person";
  name: string;
  sort_name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  notes: string | null;
  account_owner_id: string | null;
  team_id: string | null;
  archived_at: NullableTimestamp;
  search_text: Generated<string>;
  contact_count: Generated<number>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ContactsTable {
  org_id: string;
  id: string;
  client_id: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ApiTokensTable {
  org_id: string;
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** read, write and/or admin (see core/token-scopes.ts). */
  scopes: string[];
}

export interface DB
  extends CommitmentTables,
    NotificationTables,
    TrustTables,
    InteractionTables,
    ProfileTables,
    IndexSeriesTables,
    IncidentTables,
    ContractTables,
    RateCardTables,
    EngagementTables {
  user: UserTable;
  session: SessionTable;
  organization: OrganizationTable;
  member: MemberTable;
  invitation: InvitationTable;
  instance_settings: InstanceSettingsTable;
  rate_limit_hits: RateLimitHitsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  expertise: ExpertiseTable;
  clients: ClientsTable;
  contacts: ContactsTable;
  api_tokens: ApiTokensTable;
}
