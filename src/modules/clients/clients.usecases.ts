import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { contactsMatchedBy } from "../../core/contact-match.ts";
import { canArchiveClients } from "../../core/roles.ts";
import { searchTerms, sortKey } from "../../core/search-text.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, conflict, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import { newId } from "../../shared/ids.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as organizations from "../organizations/organizations.usecases.ts";
import * as teams from "../teams/teams.usecases.ts";
import * as repo from "./clients.repository.ts";
import type {
  Client,
  ClientList,
  Contact,
  CreateClientInput,
  CreateContactInput,
  ListClientsQuery,
  UpdateClientInput,
  UpdateContactInput,
} from "./clients.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec };

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toClient(row: NonNullable<Awaited<ReturnType<typeof repo.findClient>>>): Client {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    email: row.email,
    phone: row.phone,
    website: row.website,
    notes: row.notes,
    accountOwner: row.account_owner_id ? { id: row.account_owner_id, name: row.account_owner_name ?? "" } : null,
    team: row.team_id ? { id: row.team_id, name: row.team_name ?? "" } : null,
    contactCount: Number(row.contact_count ?? 0),
    archivedAt: iso(row.archived_at),
    createdAt: iso(row.created_at) ?? "",
    updatedAt: iso(row.updated_at) ?? "",
    version: row.version,
  };
}

function toContact(row: NonNullable<Awaited<ReturnType<typeof repo.findContact>>>): Contact {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    role: row.role,
    email: row.email,
    phone: row.phone,
    createdAt: iso(row.created_at) ?? "",
    updatedAt: iso(row.updated_at) ?? "",
  };
}

/** Owner and team must belong to the actor's organization; checked before anything is written. */
async function checkReferences(db: Kysely<DB>, orgId: string, input: { accountOwnerId?: string | null; teamId?: string | null }) {
  if (input.accountOwnerId && !(await organizations.isMember({ db }, orgId, input.accountOwnerId))) {
    throw new AppError("clients.owner_not_member", 400);
  }
  if (input.teamId && !(await teams.teamExists({ db }, orgId, input.teamId))) {
    throw new AppError("teams.not_found", 400);
  }
}

export async function getClient(deps: Pick<Deps, "db">, actor: Actor, id: string): Promise<Client> {
  const row = await repo.findClient(deps.db, actor.orgId, id);
  if (!row) throw notFound("clients.not_found");
  return toClient(row);
}

export async function createClient(deps: Deps, actor: Actor, input: CreateClientInput): Promise<Client> {
  return inTransaction(deps.db, async (trx) => {
    await checkReferences(trx, actor.orgId, input);
    const now = deps.clock.now();
    const id = newId();
    await repo.insertClient(trx, {
      org_id: actor.orgId,
      id,
      kind: input.kind,
      name: input.name,
      sort_name: sortKey(input.name),
      email: input.email ?? null,
      phone: input.phone ?? null,
      website: input.website ?? null,
      notes: input.notes ?? null,
      account_owner_id: input.accountOwnerId ?? null,
      team_id: input.teamId ?? null,
      archived_at: null,
      created_at: now,
      updated_at: now,
    });
    await repo.refreshSearchText(trx, actor.orgId, id);
    return getClient({ db: trx }, actor, id);
  });
}

export async function listClients(deps: Deps, actor: Actor, query: ListClientsQuery): Promise<ClientList> {
  let after: repo.ClientSearch["after"];
  if (query.cursor) {
    const [sortName, id] = deps.cursor.decode(query.cursor, 2);
    after = { sortName: String(sortName), id: String(id) };
  }
  const terms = searchTerms(query.q);
  const rows = await repo.listClients(deps.db, actor.orgId, {
    terms,
    archived: query.archived,
    ownerId: query.ownerId,
    after,
    // One more than asked tells whether there is a next page.
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const withContacts = page.filter((row) => Number(row.contact_count ?? 0) > 0).map((row) => row.id);
  const candidates = Map.groupBy(
    (await repo.contactsHoldingAnyTerm(deps.db, actor.orgId, withContacts, terms)).map(toContact),
    (contact) => contact.clientId,
  );
  return {
    items: page.map((row) => ({ ...toClient(row), matchedContacts: contactsMatchedBy(terms, row, candidates.get(row.id) ?? []) })),
    nextCursor: rows.length > query.limit && last ? deps.cursor.encode([last.sort_name, last.id]) : null,
  };
}

export async function updateClient(deps: Deps, actor: Actor, id: string, input: UpdateClientInput): Promise<Client> {
  const { version, ...fields } = input;
  return deps.db.transaction().execute(async (trx) => {
    const current = await repo.findClient(trx, actor.orgId, id);
    if (!current) throw notFound("clients.not_found");
    await checkReferences(trx, actor.orgId, fields);
    const patch: repo.ClientPatch = {};
    if (fields.kind !== undefined) patch.kind = fields.kind;
    if (fields.name !== undefined) {
      patch.name = fields.name;
      patch.sort_name = sortKey(fields.name);
    }
    if (fields.email !== undefined) patch.email = fields.email;
    if (fields.phone !== undefined) patch.phone = fields.phone;
    if (fields.website !== undefined) patch.website = fields.website;
    if (fields.notes !== undefined) patch.notes = fields.notes;
    if (fields.accountOwnerId !== undefined) patch.account_owner_id = fields.accountOwnerId;
    if (fields.teamId !== undefined) patch.team_id = fields.teamId;
    const updated = await repo.updateClient(trx, actor.orgId, id, patch, deps.clock.now(), version);
    if (!updated) throw conflict("clients.version_conflict");
    await repo.refreshSearchText(trx, actor.orgId, id);
    return getClient({ db: trx }, actor, id);
  });
}

export async function setArchived(deps: Deps, actor: Actor, id: string, archived: boolean): Promise<Client> {
  if (!canArchiveClients(actor.role)) throw forbidden();
  return deps.db.transaction().execute(async (trx) => {
    const current = await repo.findClient(trx, actor.orgId, id);
    if (!current) throw notFound("clients.not_found");
    if ((current.archived_at !== null) !== archived) {
      await repo.updateClient(trx, actor.orgId, id, { archived_at: archived ? deps.clock.now() : null }, deps.clock.now());
    }
    return getClient({ db: trx }, actor, id);
  });
}

async function requireClient(db: Kysely<DB>, actor: Actor, clientId: string) {
  if (!(await repo.findClient(db, actor.orgId, clientId))) throw notFound("clients.not_found");
}

export async function listContacts(deps: Deps, actor: Actor, clientId: string): Promise<Contact[]> {
  await requireClient(deps.db, actor, clientId);
  return (await repo.listContacts(deps.db, actor.orgId, clientId)).map(toContact);
}

export async function addContact(deps: Deps, actor: Actor, clientId: string, input: CreateContactInput): Promise<Contact> {
  return inTransaction(deps.db, async (trx) => {
    await requireClient(trx, actor, clientId);
    const now = deps.clock.now();
    const id = newId();
    await repo.insertContact(trx, {
      org_id: actor.orgId,
      id,
      client_id: clientId,
      name: input.name,
      role: input.role ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      created_at: now,
      updated_at: now,
    });
    await repo.refreshSearchText(trx, actor.orgId, clientId);
    const row = await repo.findContact(trx, actor.orgId, clientId, id);
    if (!row) throw notFound("contacts.not_found");
    return toContact(row);
  });
}

export async function updateContact(
  deps: Deps,
  actor: Actor,
  clientId: string,
  contactId: string,
  input: UpdateContactInput,
): Promise<Contact> {
  return deps.db.transaction().execute(async (trx) => {
    await requireClient(trx, actor, clientId);
    const patch: { name?: string; role?: string | null; email?: string | null; phone?: string | null } = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.role !== undefined) patch.role = input.role;
    if (input.email !== undefined) patch.email = input.email;
    if (input.phone !== undefined) patch.phone = input.phone;
    if (!(await repo.updateContact(trx, actor.orgId, clientId, contactId, patch, deps.clock.now()))) {
      throw notFound("contacts.not_found");
    }
    await repo.refreshSearchText(trx, actor.orgId, clientId);
    const row = await repo.findContact(trx, actor.orgId, clientId, contactId);
    if (!row) throw notFound("contacts.not_found");
    return toContact(row);
  });
}

export async function deleteContact(deps: Deps, actor: Actor, clientId: string, contactId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await requireClient(trx, actor, clientId);
    if (!(await repo.deleteContact(trx, actor.orgId, clientId, contactId))) throw notFound("contacts.not_found");
    await repo.refreshSearchText(trx, actor.orgId, clientId);
  });
}
