import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Reads the session token out of better-auth's signed session cookie
 * (`<token>.<base64 HMAC-SHA256 of token>`, URL-encoded), so that the common
 * case — a valid session — costs one indexed query instead of several.
 * Returns undefined for a missing, malformed or forged cookie.
 */
export function readSessionToken(cookieHeader: string | null, cookieName: string, secret: string): string | undefined {
  if (!cookieHeader) return undefined;
  let raw: string | undefined;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === cookieName) raw = part.slice(index + 1).trim();
  }
  if (!raw) return undefined;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const dot = value.lastIndexOf(".");
  if (dot < 1) return undefined;
  const token = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1), "base64");
  const expected = createHmac("sha256", secret).update(token).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return undefined;
  return token;
}
