import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { isRole } from "../../core/roles.ts";
import { normalizeScopes } from "../../core/token-scopes.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId, newSecret, sha256 } from "../../shared/ids.ts";
import * as repo from "./api-tokens.repository.ts";
import type { ApiToken, CreateApiTokenInput } from "./api-tokens.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

const MAX_ACTIVE_TOKENS = 20;
/** Writing last_used_at on every call would turn reads into writes; once a minute is enough. */
const TOUCH_INTERVAL_MS = 60_000;

type TokenRow = { id: string; name: string; token_prefix: string; scopes: string[]; created_at: Date; last_used_at: Date | null };
const toApiToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  prefix: row.token_prefix,
  scopes: normalizeScopes(row.scopes),
  createdAt: new Date(row.created_at).toISOString(),
  lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
});

/** Made only from a signed-in session (see token-scopes.ts); the route table keeps tokens out, this keeps every other caller out too. */
export async function createToken(deps: Deps, actor: Actor, input: CreateApiTokenInput): Promise<ApiToken & { token: string }> {
  if (actor.via !== "session") throw new AppError("tokens.session_only", 403);
  return deps.db.transaction().execute(async (trx) => {
    // Without the lock, requests arriving together would each count 19 and all insert.
    await repo.lockTokenOwner(trx, actor.orgId, actor.userId);
    const active = await repo.listActiveTokens(trx, actor.orgId, actor.userId);
    if (active.length >= MAX_ACTIVE_TOKENS) throw new AppError("tokens.limit_reached", 409, { limit: MAX_ACTIVE_TOKENS });
    const token = newSecret("tl");
    const row = {
      org_id: actor.orgId,
      id: newId(),
      user_id: actor.userId,
      name: input.name,
      scopes: normalizeScopes(input.scopes),
      token_hash: sha256(token),
      token_prefix: token.slice(0, 10),
      created_at: deps.clock.now(),
    };
    await repo.insertToken(trx, row);
    return { ...toApiToken({ ...row, last_used_at: null }), token };
  });
}

export async function listTokens(deps: Deps, actor: Actor): Promise<ApiToken[]> {
  return (await repo.listActiveTokens(deps.db, actor.orgId, actor.userId)).map(toApiToken);
}

export async function revokeToken(deps: Deps, actor: Actor, id: string): Promise<void> {
  if ((await repo.revokeToken(deps.db, actor.orgId, actor.userId, id, deps.clock.now())) === 0) {
    throw notFound("tokens.not_found");
  }
}

/** The token's owner as an actor, and what the token may do. */
export async function resolveToken(deps: Deps, token: string): Promise<{ actor: Actor; scopes: string[] } | undefined> {
  if (!token.startsWith("tl_") || token.length > 200) return undefined;
  const owner = await repo.findActiveTokenOwner(deps.db, sha256(token));
  if (!owner || !isRole(owner.role)) return undefined;
  const now = deps.clock.now();
  if (!owner.last_used_at || now.getTime() - new Date(owner.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchToken(deps.db, owner.org_id, owner.id, now);
  }
  return { actor: { userId: owner.user_id, orgId: owner.org_id, role: owner.role, via: "token" }, scopes: owner.scopes };
}
