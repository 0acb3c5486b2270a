import { randomUUID } from "node:crypto";

/**
 * Walking the OpenAPI document: every operation, a value each schema accepts
 * (filled with real ids of the caller's data where a name says which), the
 * string leaves of such a value, and a path filled with real ids. Shared by
 * the suites that send something to every route (hostile input, fuzzing), so
 * a new route or field is walked without changing them.
 */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  minLength?: number;
  pattern?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
export type Operation = {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
export type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
export type Leaf = { path: (string | number)[]; schema: Schema };

/** The walker over one document, with the real ids (by parameter or field name) requests should carry. */
export function openApiWalker(doc: Document, ids: Record<string, string>, idsByKind: () => Record<string, string | undefined>) {
  function resolve(schema: Schema | undefined): Schema {
    let current = schema ?? {};
    while (current.$ref) current = doc.components?.schemas?.[current.$ref.replace("#/components/schemas/", "")] ?? {};
    return current;
  }

  const typeOf = (schema: Schema) => (Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type);

  /**
   * A value the schema accepts, as far as a request can tell without knowing the
   * route's rules; `all` fills optional properties too (else only required ones,
   * which keeps choices such as "dueAt or dueIn" valid).
   */
  function valid(input: Schema | undefined, name: string, all = true): unknown {
    const schema = resolve(input);
    const choice = schema.anyOf ?? schema.oneOf;
    if (choice) return valid(choice.find((option) => resolve(option).type !== "null") ?? choice[0], name, all);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => valid(part, name, all)));
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return schema.enum[0];
    // Ids of Alice's own data, and dates ahead of the clock (examples may lie in its past).
    if (typeOf(schema) === "string" && ids[name]) return ids[name];
    if (schema.format === "date-time") return "2026-12-08T10:00:00+01:00";
    if (schema.example !== undefined) return schema.example;
    switch (typeOf(schema)) {
      case "object":
        return Object.fromEntries(
          Object.entries(schema.properties ?? {})
            .filter(([key]) => all || (schema.required ?? []).includes(key))
            .map(([key, property]) => [key, valid(property, key, all)]),
        );
      case "array":
        return [valid(schema.items, name, all)];
      case "integer":
      case "number":
        return schema.default ?? Math.max(schema.minimum ?? 1, 1);
      case "boolean":
        return false;
      case "string":
        if (schema.format === "date") return "2026-12-01";
        if (schema.format === "email") return "someone@example.test";
        if (schema.format === "uri") return "https://example.test";
        if (schema.format === "uuid" || schema.format === "guid") return ids[name] ?? randomUUID();
        return ids[name] ?? "Gewone tekst";
      default:
        return null;
    }
  }

  /** Every string leaf of a value built by `valid`, with its schema. */
  function leaves(input: Schema | undefined, value: unknown, path: (string | number)[] = []): Leaf[] {
    const schema = resolve(input);
    const choice = schema.anyOf ?? schema.oneOf;
    if (choice) return leaves(choice.find((option) => resolve(option).type !== "null") ?? choice[0], value, path);
    if (Array.isArray(value)) return value.flatMap((item, index) => leaves(schema.items, item, [...path, index]));
    if (typeof value === "object" && value !== null) {
      return Object.entries(value).flatMap(([key, child]) => leaves(schema.properties?.[key], child, [...path, key]));
    }
    return typeof value === "string" ? [{ path, schema }] : [];
  }

  function replaced(value: unknown, path: (string | number)[], leaf: unknown): unknown {
    if (path.length === 0) return leaf;
    const [head, ...rest] = path as [string | number, ...(string | number)[]];
    if (Array.isArray(value)) return value.map((item, index) => (index === head ? replaced(item, rest, leaf) : item));
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    copy[head] = replaced(copy[head], rest, leaf);
    return copy;
  }

  /** A path parameter filled with Alice's own id of that kind, so the request gets past "not found". */
  function fillPath(path: string): string {
    return path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
      if (name !== "id") return ids[name] ?? randomUUID();
      const kind = /\/v1\/([\w-]+)\/\{id\}/.exec(path)?.[1];
      return idsByKind()[kind ?? ""] ?? randomUUID();
    });
  }

  function operations(): { method: string; path: string; operation: Operation }[] {
    return Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod)
        .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation }))
        // Signing out would only end the walk early.
        .filter(({ method, path }) => !(method === "DELETE" && path === "/api/v1/session")),
    );
  }

  return { resolve, typeOf, valid, leaves, replaced, fillPath, operations };
}
