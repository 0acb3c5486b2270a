import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import {
  deliveryListSchema,
  deliveryParams,
  deliverySchema,
  emptyBody,
  listDeliveriesQuery,
  listNotificationsQuery,
  markedSchema,
  noQuery,
  notificationListSchema,
  notificationParams,
  notificationSchema,
  systemStatusSchema,
} from "./notifications.schemas.ts";
import * as usecases from "./notifications.usecases.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** The bell: every signed-in person, their own notifications only. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ deps: usecases.SystemDeps }> = async (app, { deps }) => {
  const tags = ["notifications"];
  app.get(
    "/notifications",
    {
      schema: {
        tags,
        summary: "My notifications, newest first",
        querystring: listNotificationsQuery,
        response: { 200: notificationListSchema, ...errors },
      },
    },
    async (request) => usecases.listMyNotifications(deps, requireActor(request), request.query),
  );

  app.post(
    "/notifications/:id/read",
    {
      schema: {
        tags,
        summary: "Mark one of my notifications read",
        params: notificationParams,
        body: emptyBody,
        response: { 200: notificationSchema, ...errors },
      },
    },
    async (request) => usecases.markRead(deps, requireActor(request), request.params.id),
  );

  app.post(
    "/notifications/read-all",
    { schema: { tags, summary: "Mark all my notifications read", body: emptyBody, response: { 200: markedSchema, ...errors } } },
    async (request) => usecases.markAllRead(deps, requireActor(request)),
  );
};

/** The System page: administrators, their organization's e-mail and the installation's background sweep. */
export const systemRoutes: FastifyPluginAsyncZod<{ deps: usecases.SystemDeps }> = async (app, { deps }) => {
  const tags = ["system"];
  app.get(
    "/system/status",
    {
      schema: {
        tags,
        summary: "Mail mode, the last background sweep and the e-mail queue (admin)",
        querystring: noQuery,
        response: { 200: systemStatusSchema, ...errors },
      },
    },
    async (request) => usecases.systemStatus(deps, requireActor(request)),
  );

  app.get(
    "/system/deliveries",
    {
      schema: {
        tags,
        summary: "Outgoing e-mails, newest first (admin)",
        querystring: listDeliveriesQuery,
        response: { 200: deliveryListSchema, ...errors },
      },
    },
    async (request) => usecases.listDeliveries(deps, requireActor(request), request.query),
  );

  app.post(
    "/system/deliveries/:id/retry",
    {
      schema: {
        tags,
        summary: "Send a failed, outbox or uncertain e-mail again (admin)",
        params: deliveryParams,
        body: emptyBody,
        response: { 200: deliverySchema, ...errors },
      },
    },
    async (request) => usecases.retryDelivery(deps, requireActor(request), request.params.id),
  );

  app.post(
    "/system/deliveries/:id/dismiss",
    {
      schema: {
        tags,
        summary: "Decide not to send a failed, outbox or uncertain e-mail (again) (admin)",
        params: deliveryParams,
        body: emptyBody,
        response: { 200: deliverySchema, ...errors },
      },
    },
    async (request) => usecases.dismissDelivery(deps, requireActor(request), request.params.id),
  );
};
