/**
 * The browser's way to the API: JSON in and out, the UI language sent as
 * Accept-Language so error messages come back translated, and errors as ApiError.
 */
export type FieldError = { path: string; code: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** The error's details as sent (e.g. the refused lines of an import). */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, fields: FieldError[] = [], details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

let language = "en";
export const setApiLanguage = (next: string) => {
  language = next;
};

/** Called when any answer says the session is gone (expired, signed out elsewhere). */
let onUnauthenticated: () => void = () => {};
export const setUnauthenticatedHandler = (handler: () => void) => {
  onUnauthenticated = handler;
};

export async function api<T>(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { "accept-language": language, accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  return send<T>(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
}

/** Sends a file as the body itself (a CSV import): the server reads its bytes. */
export async function upload<T>(url: string, file: Blob, contentType: string): Promise<T> {
  const headers = { "accept-language": language, accept: "application/json", "content-type": contentType };
  return send<T>(url, { method: "POST", headers, body: file, credentials: "same-origin" });
}

async function send<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, "network", language === "nl" ? "De server is niet bereikbaar." : "The server cannot be reached.");
  }
  if (response.status === 204) return undefined as T;
  const json = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = json?.error;
    if (response.status === 401 && error?.code === "auth.unauthenticated") onUnauthenticated();
    throw new ApiError(
      response.status,
      error?.code ?? "unknown",
      error?.message ?? response.statusText,
      error?.details?.fields ?? [],
      error?.details,
    );
  }
  return json as T;
}

/** The message of a field, when the server rejected that field. */
export const fieldError = (error: unknown, path: string): string | undefined =>
  error instanceof ApiError ? error.fields.find((f) => f.path === path)?.message : undefined;

/**
 * The message to show above a form: any error, unless the server pinned it on
 * fields the form shows next to those fields. A field error on something the
 * form does not show is still shown here.
 */
export function formError(error: unknown, shownPaths: readonly string[]): string | undefined {
  if (!error) return undefined;
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const unshown = error.fields.filter((f) => !shownPaths.includes(f.path));
  if (error.fields.length > 0 && unshown.length === 0) return undefined;
  return [error.message, ...unshown.map((f) => `${f.path}: ${f.message}`)].join(" ");
}
