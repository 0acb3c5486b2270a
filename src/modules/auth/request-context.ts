import type { FastifyRequest } from "fastify";
import type { Actor } from "../../core/actor.ts";
import { AppError } from "../../shared/app-error.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the authentication hook when the request proves who it is. */
    actor?: Actor;
  }
}

/** The actor of an authenticated route; a 401 when the request proved nothing. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("auth.unauthenticated", 401);
  return request.actor;
}

/** Fastify's headers as a WHATWG Headers object, the form better-auth takes. */
export function toHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, String(value));
  }
  return headers;
}
