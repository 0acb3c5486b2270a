import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { MAX_IMPORT_BYTES } from "../../core/index-series/errors.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse, uuid } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import { importQuery, importResultSchema, seriesDetailSchema, seriesListSchema } from "./index-series.schemas.ts";
import * as usecases from "./index-series.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["price indices"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

/**
 * The import's body is the CSV file itself, read as bytes (its encoding is worked out
 * from the bytes, not the header). Any type but JSON is taken: browsers send .csv as
 * text/csv, application/vnd.ms-excel or application/octet-stream. Counted while it
 * arrives, so a file over 10 MB is refused with 413 without holding it all.
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
      finish(new AppError("index_series.too_large", 413, { line: 1 }));
      return;
    }
    chunks.push(chunk);
  });
  payload.on("end", () => finish(null, Buffer.concat(chunks)));
  payload.on("error", (error: Error) => finish(error));
}

export const indexSeriesRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // This scope only: the rest of the API speaks JSON alone.
  app.addContentTypeParser(
    ["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream"],
    readCsvBody,
  );

  app.post(
    "/index-series/import",
    {
      schema: {
        tags,
        summary:
          "Import a price-index CSV (body: the file, text/csv): a CBS StatLine download of table 83131NED (2015=100) or 86141NED (2025=100), " +
          "or a simple period;value file named with ?name=. Importing the same series again revises its figures. At most 10 MB.",
        querystring: importQuery,
        response: { 201: importResultSchema, ...errors, 413: errorResponse, 415: errorResponse },
      },
      bodyLimit: MAX_IMPORT_BYTES + 1,
    },
    async (request, reply) => {
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError("index_series.unsupported_media_type", 415);
      return reply.code(201).send(await usecases.importSeries(deps, requireActor(request), body, request.query));
    },
  );

  app.get(
    "/index-series",
    {
      schema: {
        tags,
        summary: "The organization's price-index series (the shipped CBS CPI, code 'cbs-cpi', first) with their span and counts",
        response: { 200: seriesListSchema, ...errors },
      },
    },
    async (request) => usecases.listSeries(deps, requireActor(request)),
  );

  app.get(
    "/index-series/:id",
    {
      schema: {
        tags,
        summary: "One price-index series with its points in period order: figures, provisional marks and revisions",
        params: z.strictObject({ id: uuid }),
        response: { 200: seriesDetailSchema, ...errors },
      },
    },
    async (request) => usecases.getSeries(deps, requireActor(request), request.params.id),
  );
};
