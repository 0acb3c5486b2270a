import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { MAX_IMPORT_BYTES } from "../../core/index-series/errors.ts";
import type { DB } from "../../db/schema.ts";
import { languageFromHeader } from "../../i18n/translate.ts";
import { AppError } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import { importContracts } from "./contracts.import.ts";
import {
  auditSchema,
  contractListQuery,
  contractListSchema,
  contractParams,
  contractSchema,
  contractsImportSchema,
  correctionBody,
  correctionLetterQuery,
  correctionLetterSchema,
  correctionSchema,
  createContractBody,
  increaseBody,
} from "./contracts.schemas.ts";
import * as usecases from "./contracts.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["contracts"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/**
 * The import's body is the CSV file itself, read as bytes (the encoding is worked
 * out from them). Counted while it arrives: over 10 MB is refused with 413.
 */
function readCsvBody(_request: FastifyRequest, payload: NodeJS.ReadableStream, done: (error: Error | null, body?: Buffer) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (error: Error | null, body?: Buffer) => {
    if (finished) return;
    finished = true;
    done(error, body);
  };
  payload.on("data", (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > MAX_IMPORT_BYTES) {
      finish(new AppError("contracts.import_too_large", 413));
      return;
    }
    chunks.push(chunk);
  });
  payload.on("end", () => finish(null, Buffer.concat(chunks)));
  payload.on("error", (error: Error) => finish(error));
}

export const contractsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // This scope only: the rest of the API speaks JSON alone.
  app.addContentTypeParser(
    ["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream"],
    readCsvBody,
  );

  app.get(
    "/contracts",
    {
      schema: {
        tags,
        summary: "Contracts, of one client or all",
        querystring: contractListQuery,
        response: { 200: contractListSchema, ...errors },
      },
    },
    async (request) => usecases.listContracts(deps, requireActor(request), request.query),
  );

  app.post(
    "/contracts",
    {
      schema: {
        tags,
        summary: "Record a contract with its yearly price and, optionally, its indexation clause",
        body: createContractBody,
        response: { 201: contractSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.createContract(deps, requireActor(request), request.body)),
  );

  app.get(
    "/contracts/:id",
    {
      schema: {
        tags,
        summary: "A contract with its increases and corrections",
        params: contractParams,
        response: { 200: contractSchema, ...errors },
      },
    },
    async (request) => usecases.getContract(deps, requireActor(request), request.params.id),
  );

  app.post(
    "/contracts/:id/increases",
    {
      schema: {
        tags,
        summary: "Record the increase actually applied in a contract year (a percentage or the new price)",
        params: contractParams,
        body: increaseBody,
        response: { 201: contractSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await usecases.recordIncrease(deps, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    "/contracts/:id/audit",
    {
      schema: {
        tags,
        summary: "The red-face audit: per year the allowed and the applied increase, both prices, and what was charged too much",
        params: contractParams,
        response: { 200: auditSchema, ...errors },
      },
    },
    async (request) => usecases.auditContract(deps, requireActor(request), request.params.id),
  );

  app.post(
    "/contracts/:id/corrections",
    {
      schema: {
        tags,
        summary: "Record a correction of what was charged too much: made by us, or raised by the client",
        params: contractParams,
        body: correctionBody,
        response: { 201: correctionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await usecases.recordCorrection(deps, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    "/contracts/:id/correction-letter",
    {
      schema: {
        tags,
        summary:
          "A drafted letter to the client, in Dutch or English, about what the audit found charged too much: the years, the allowed and charged prices, the total and what we refund or credit",
        params: contractParams,
        querystring: correctionLetterQuery,
        response: { 200: correctionLetterSchema, ...errors },
      },
    },
    async (request) => usecases.draftCorrectionLetter(deps, requireActor(request), request.params.id, request.query),
  );

  app.post(
    "/contracts/import",
    {
      schema: {
        tags,
        summary:
          "Import contracts from a CSV file (body: the file, text/csv): client, title, start, annual price and optionally series, method, lag months, cap %, floor %. " +
          "All or nothing: any bad line refuses the file with every line's problem. At most 10 MB.",
        response: { 201: contractsImportSchema, ...errors, 413: errorResponse, 415: errorResponse },
      },
      bodyLimit: MAX_IMPORT_BYTES + 1,
    },
    async (request, reply) => {
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError("contracts.import_unsupported_media_type", 415);
      const language = languageFromHeader(request.headers["accept-language"]);
      return reply.code(201).send(await importContracts(deps, requireActor(request), body, language));
    },
  );
};
