import type { App } from "../../src/app.ts";

export type Route = { method: string; url: string };

/**
 * Every route the server answers, read from Fastify's router
 * (`printRoutes`), so a test that walks "all routes" also sees routes nobody
 * documented. HEAD twins of GET routes are left out.
 */
export function listRoutes(app: App): Route[] {
  const lines = app.server.printRoutes({ commonPrefix: false }).split("\n");
  const stack: string[] = [];
  const routes: Route[] = [];
  for (const line of lines) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    const url = (stack[depth - 1] ?? "") + (match[2] ?? "");
    stack[depth] = url;
    stack.length = depth + 1;
    for (const method of (match[3] ?? "").split(",").map((m) => m.trim())) {
      if (method && method !== "HEAD") routes.push({ method, url });
    }
  }
  return routes;
}

/** The names of a route's path parameters, in order: "/clients/:id/contacts/:contactId" → ["id", "contactId"]. */
export const pathParams = (url: string): string[] => [...url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);

/** The route with its parameters filled in. */
export function fillPath(url: string, values: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${url}`);
    return encodeURIComponent(value);
  });
}
