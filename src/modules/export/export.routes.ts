import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { requireActor } from "../auth/request-context.ts";
import * as usecases from "./export.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

export const exportRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get("/export", { schema: { tags: ["export"], summary: "Everything of my organization as JSON (admin)" } }, async (request, reply) => {
    const data = await usecases.exportForActor(deps, requireActor(request));
    const day = data.exportedAt.slice(0, 10);
    return reply.header("content-disposition", `attachment; filename="trustledger-export-${day}.json"`).send(data);
  });
};
