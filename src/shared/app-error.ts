import type { MessageKey } from "../i18n/messages.en.ts";

/**
 * An error the user can act on. `code` is stable (clients depend on it) and is
 * also the key of the translated message; `status` is the HTTP status to answer with.
 */
export class AppError extends Error {
  readonly code: MessageKey;
  readonly status: number;
  readonly params: Record<string, string | number>;
  readonly details: unknown;

  constructor(code: MessageKey, status: number, params: Record<string, string | number> = {}, details?: unknown) {
    super(code);
    this.name = "AppError";
    this.code = code;
    this.status = status;
    this.params = params;
    this.details = details;
  }
}

export const notFound = (code: MessageKey) => new AppError(code, 404);
export const badRequest = (code: MessageKey, params?: Record<string, string | number>) => new AppError(code, 400, params);
export const forbidden = (code: MessageKey = "auth.forbidden") => new AppError(code, 403);
export const conflict = (code: MessageKey) => new AppError(code, 409);
