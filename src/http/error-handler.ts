import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { z } from "zod";
import { MAX_SEARCH_YEARS, WorkingTimeLimitError } from "../core/working-time.ts";
import { sqlState } from "../db/errors.ts";
import type { MessageKey } from "../i18n/messages.en.ts";
import { type Language, languageFromHeader, translate } from "../i18n/translate.ts";
import { AppError } from "../shared/app-error.ts";
import { DATE_YEARS } from "../shared/fields.ts";

/**
 * Every error leaves the server as `{ error: { code, message, details? } }`,
 * translated into the caller's language, with the right status. Only errors we
 * did not foresee become a 500, and those never show their stack.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const language = languageFromHeader(request.headers["accept-language"]);
    const known = toAppError(error, language);
    if (known) return sendError(reply, language, known);
    request.log.error({ err: error }, "unhandled error");
    return sendError(reply, language, new AppError("internal", 500));
  });
}

export function sendError(reply: FastifyReply, language: Language, error: AppError) {
  const body: { code: string; message: string; details?: unknown } = {
    code: error.code,
    message: translate(language, error.code, error.params),
  };
  if (error.details !== undefined) body.details = error.details;
  if (error.status === 429 && typeof error.params.seconds === "number") reply.header("retry-after", error.params.seconds);
  return reply.code(error.status).type("application/json; charset=utf-8").send({ error: body });
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendError(reply, languageFromHeader(request.headers["accept-language"]), new AppError("request.not_found", 404));
}

/**
 * Errors Fastify meets before any route is chosen (its `frameworkErrors`
 * option): an address it cannot decode or with an overlong parameter is the
 * caller's mistake; anything else is ours.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const language = languageFromHeader(request.headers["accept-language"]);
  if (error.code === "FST_ERR_BAD_URL" || error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    return sendError(reply, language, new AppError("request.bad_url", 400));
  }
  request.log.error({ err: error }, "unhandled framework error");
  return sendError(reply, language, new AppError("internal", 500));
}

/**
 * Text the database refuses to store (a NUL character, a \u0000 escape in
 * JSON): input the request checks should have caught, so still the caller's.
 */
const UNSTORABLE_TEXT = new Set(["22021", "22P05"]);

const FASTIFY_CODES: Record<string, { code: MessageKey; status: number }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: "request.malformed_json", status: 400 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: "request.malformed_json", status: 400 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: "request.malformed_json", status: 400 },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: "request.unsupported_media_type", status: 415 },
  FST_ERR_CTP_INVALID_TYPE: { code: "request.unsupported_media_type", status: 415 },
};

function toAppError(error: FastifyError, language: Language): AppError | undefined {
  if (error instanceof AppError) return error;
  if (UNSTORABLE_TEXT.has(sqlState(error) ?? "")) return new AppError("request.validation_failed", 400, { fields: "-" });
  // Asked for more working time than the search horizon holds, wherever it was computed (due times, suggestions).
  if (error instanceof WorkingTimeLimitError) return new AppError("working_time.too_far", 400, { years: MAX_SEARCH_YEARS });
  if (hasZodFastifySchemaValidationErrors(error)) return validationError(error.validation, error.validationContext, language);
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return new AppError("request.too_large", 413, { limit: "1 MB" });
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return new AppError(mapped.code, mapped.status);
  if (error instanceof SyntaxError && error.statusCode === 400) return new AppError("request.malformed_json", 400);
  if (error.statusCode === 429) return new AppError("request.rate_limited", 429, { seconds: 60 });
  // Other client errors Fastify raised itself (e.g. a malformed URL): a plain 400.
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError("request.validation_failed", error.statusCode, { fields: "-" });
  }
  return undefined;
}

type Issue = { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> };

/** Filled into "Enter {format}." / "Vul {format} in.", so each carries its own article and adjective. */
const FORMAT_NAMES: Record<string, Record<Language, string>> = {
  email: { en: "a valid e-mail address", nl: "een geldig e-mailadres" },
  url: { en: "a valid web address", nl: "een geldig webadres" },
  uuid: { en: "a valid identifier", nl: "een geldige identificatie" },
  // z.guid(): our identifiers accept any 8-4-4-4-12 hexadecimal form.
  guid: { en: "a valid identifier", nl: "een geldige identificatie" },
  regex: { en: "a valid value", nl: "een geldige waarde" },
};

function validationError(issues: Issue[], context: string | undefined, language: Language): AppError {
  const fields: { path: string; code: string; message: string }[] = [];
  for (const issue of issues) {
    const base = issue.instancePath.replace(/^\//, "").replaceAll("/", ".");
    if (issue.keyword === "unrecognized_keys") {
      const keys = (issue.params.keys as string[] | undefined) ?? [];
      for (const key of keys) {
        const path = base ? `${base}.${key}` : key;
        fields.push({ path, code: "unknown", message: translate(language, "field.unknown") });
      }
      continue;
    }
    const { key, params } = fieldMessage(issue, language);
    fields.push({ path: base || (context ?? "body"), code: issue.keyword, message: translate(language, key, params) });
  }
  const unknownOnly = fields.length > 0 && fields.every((f) => f.code === "unknown");
  const list = [...new Set(fields.map((f) => f.path))].join(", ");
  return new AppError(unknownOnly ? "request.unknown_field" : "request.validation_failed", 400, { fields: list }, { fields });
}

/** The message for one zod issue, worded as the API words it per field (the CLI checks its options with it). */
export function issueMessage(issue: z.core.$ZodIssue, language: Language): string {
  const { code, path: _path, message, ...params } = issue;
  const { key, params: values } = fieldMessage({ keyword: code, instancePath: "", message, params }, language);
  return translate(language, key, values);
}

function fieldMessage(issue: Issue, language: Language): { key: MessageKey; params: Record<string, string | number> } {
  const p = issue.params;
  switch (issue.keyword) {
    case "invalid_type":
      return /received undefined/.test(issue.message ?? "")
        ? { key: "field.required", params: {} }
        : { key: "field.invalid_type", params: {} };
    case "too_small":
      if (p.origin === "string" && Number(p.minimum) === 1) return { key: "field.required", params: {} };
      return { key: "field.too_short", params: { minimum: Number(p.minimum) } };
    case "too_big":
      if (p.origin === "number" || p.origin === "bigint") return { key: "field.too_large", params: { maximum: Number(p.maximum) } };
      return { key: "field.too_long", params: { maximum: Number(p.maximum) } };
    case "invalid_format": {
      const format = String(p.format ?? "regex");
      return { key: "field.invalid_format", params: { format: (FORMAT_NAMES[format] ?? FORMAT_NAMES.regex)?.[language] ?? format } };
    }
    case "custom":
      if ((p.params as { reason?: unknown } | undefined)?.reason === "date_out_of_range") {
        return { key: "field.date_out_of_range", params: { from: DATE_YEARS.from, to: DATE_YEARS.to } };
      }
      return { key: "field.invalid_value", params: {} };
    default:
      return { key: "field.invalid_value", params: {} };
  }
}
