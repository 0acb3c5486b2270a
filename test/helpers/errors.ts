import { expect } from "vitest";
import { en, type MessageKey } from "../../src/i18n/messages.en.ts";
import { nl } from "../../src/i18n/messages.nl.ts";

export type Language = "en" | "nl";
export const LANGUAGES: readonly Language[] = ["en", "nl"];

const catalogs: Record<Language, Record<MessageKey, string>> = { en, nl };
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The message template of a code in a language as a pattern: "{fields}" matches any text. */
export function messagePattern(language: Language, code: MessageKey): RegExp {
  const parts = catalogs[language][code].split(/\{\w+\}/);
  return new RegExp(`^${parts.map(escapeRegExp).join(".+?")}$`, "s");
}

/** What a leaked stack trace, SQL error or framework internals look like in a body. */
const LEAKS = [
  /\bat [\w.<>]+ \(/, // "at fn (file:1:2)"
  /\.(ts|js):\d+/,
  /node_modules/,
  /"stack"/,
  /\bFST_ERR/,
  /syntax error at or near/i,
  /violates .* constraint/i,
  /invalid byte sequence/i,
  /out of range for type/i,
  /relation "\w+"/i,
];

export function expectNoLeak(body: string): void {
  for (const leak of LEAKS) expect(body, `response body leaks internals (${leak})`).not.toMatch(leak);
}

type Response = { statusCode: number; headers: Record<string, unknown>; body: string; json(): any };

/**
 * Asserts the error shape of PRODUCT.md §6: the status, `{ error: { code,
 * message, details? } }` and nothing else, the message in the requested
 * language, field messages in that language too, and no internals.
 */
export function expectError(response: Response, status: number, code: MessageKey, language: Language) {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers["content-type"])).toMatch(/^application\/json/);
  expectNoLeak(response.body);
  const body = response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  const error = body.error as { code: string; message: string; details?: { fields?: { path: string; code: string; message: string }[] } };
  expect(Object.keys(error).sort()).toEqual(error.details === undefined ? ["code", "message"] : ["code", "details", "message"]);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(messagePattern(language, code));
  const fieldPatterns = (Object.keys(en) as MessageKey[])
    .filter((key) => key.startsWith("field."))
    .map((key) => messagePattern(language, key));
  for (const field of error.details?.fields ?? []) {
    expect(
      fieldPatterns.some((pattern) => pattern.test(field.message)),
      `field message "${field.message}" is not a ${language} field message`,
    ).toBe(true);
  }
  return error;
}

/** The paths of the fields an error is about. */
export const fieldPaths = (error: { details?: { fields?: { path: string }[] } }) => (error.details?.fields ?? []).map((f) => f.path);
