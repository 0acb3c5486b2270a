import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import {
  type ContractColumn,
  ContractFileError,
  type ContractLine,
  foldName,
  parseContractCsv,
  type RowError,
} from "../../core/contract-import/parse.ts";
import { canSeeTrust } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import type { MessageKey } from "../../i18n/messages.en.ts";
import { type Language, translate } from "../../i18n/translate.ts";
import { AppError, forbidden } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as indexSeries from "../index-series/index-series.usecases.ts";
import * as repo from "./contracts.repository.ts";
import { type CreateContractInput, createContractBody } from "./contracts.schemas.ts";
import { createContract } from "./contracts.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

const DEFAULT_SERIES_CODE = "cbs-cpi";
const DEFAULT_METHOD = "annual_average";

/** The file column a path of the API's contract schema comes from. */
const COLUMN_OF_PATH: Record<string, ContractColumn> = {
  clientId: "client",
  title: "title",
  startsOn: "start",
  annualPriceCents: "price",
  "indexation.seriesId": "series",
  "indexation.method": "method",
  "indexation.lagMonths": "lag",
  "indexation.capPct": "cap",
  "indexation.floorPct": "floor",
};

export type ImportedContracts = { imported: number; contracts: string[] };

/**
 * Imports contracts from a CSV file (core/contract-import reads it): each line's
 * client matched by name to one of the organization's clients (case and accents
 * aside), its index series by code or name (the shipped CBS CPI when the line
 * has indexation but names no series), then checked by the same schema as
 * POST /contracts. All or nothing: any bad line refuses the whole file with every
 * line's problem, translated; otherwise all contracts are created in one transaction.
 */
export async function importContracts(deps: Deps, actor: Actor, bytes: Uint8Array, language: Language): Promise<ImportedContracts> {
  if (!canSeeTrust(actor.role)) throw forbidden();
  let parsed: ReturnType<typeof parseContractCsv>;
  try {
    parsed = parseContractCsv(bytes);
  } catch (error) {
    if (error instanceof ContractFileError) {
      throw new AppError(`contracts.import_${error.problem}`, error.problem === "too_large" ? 413 : 400, {
        line: error.line,
        column: error.text,
      });
    }
    throw error;
  }
  const errors: RowError[] = [...parsed.errors];
  const clients = new Map<string, string[]>();
  for (const client of await repo.listClientNames(deps.db, actor.orgId)) {
    const key = foldName(client.name);
    clients.set(key, [...(clients.get(key) ?? []), client.id]);
  }
  const series = (await indexSeries.listSeries(deps, actor)).items;
  const seriesOf = (text: string) =>
    series.find((one) => one.code !== null && foldName(one.code) === foldName(text)) ??
    series.find((one) => foldName(one.name) === foldName(text));

  const bodies: { line: number; body: CreateContractInput }[] = [];
  for (const line of parsed.lines) {
    const problem = (column: ContractColumn, kind: RowError["problem"], text: string) => {
      errors.push({ line: line.line, problem: kind, column, text });
    };
    const matches = clients.get(foldName(line.client)) ?? [];
    if (matches.length === 0) problem("client", "unknown_client", line.client);
    if (matches.length > 1) problem("client", "ambiguous_client", line.client);
    const seriesId = line.indexation ? seriesOf(line.indexation.series ?? DEFAULT_SERIES_CODE)?.id : undefined;
    if (line.indexation && seriesId === undefined) problem("series", "unknown_series", line.indexation.series ?? DEFAULT_SERIES_CODE);
    if (matches.length !== 1 || (line.indexation && seriesId === undefined)) continue;
    const body = bodyOf(line, matches[0] as string, seriesId);
    const checked = createContractBody.safeParse(body);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const path = issue.path.map(String).join(".");
        problem(COLUMN_OF_PATH[path] ?? "title", "invalid", path);
      }
      continue;
    }
    bodies.push({ line: line.line, body: checked.data });
  }
  if (errors.length > 0) throw refusal(errors, language);

  const ids = await inTransaction(deps.db, async (trx) => {
    const tx = { ...deps, db: trx };
    const created: string[] = [];
    for (const { body } of bodies) created.push((await createContract(tx, actor, body)).id);
    return created;
  });
  return { imported: ids.length, contracts: ids };
}

function bodyOf(line: ContractLine, clientId: string, seriesId: string | undefined): CreateContractInput {
  const clause = line.indexation;
  return {
    clientId,
    title: line.title,
    startsOn: line.startsOn,
    annualPriceCents: line.annualPriceCents,
    indexation:
      clause && seriesId
        ? {
            seriesId,
            method: clause.method ?? DEFAULT_METHOD,
            lagMonths: clause.lagMonths ?? 0,
            ...(clause.capPct !== null ? { capPct: clause.capPct } : {}),
            ...(clause.floorPct !== null ? { floorPct: clause.floorPct } : {}),
          }
        : null,
  };
}

/** The 400 with every line's problem in the caller's language, in line order. */
function refusal(errors: RowError[], language: Language): AppError {
  const rows = [...errors]
    .sort((a, b) => a.line - b.line)
    .map((error) => {
      const code = `contracts.import.${error.problem}` as MessageKey;
      return {
        line: error.line,
        code,
        column: error.column,
        message: translate(language, code, { line: error.line, column: error.column, text: error.text }),
      };
    });
  const lines = [...new Set(rows.map((row) => row.line))];
  return new AppError("contracts.import_invalid", 400, { count: lines.length, lines: lines.join(", ") }, { rows });
}
