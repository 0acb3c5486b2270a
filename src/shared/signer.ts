import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signs short tokens handed to people outside the app (portal links), so an
 * altered or invented token is refused before the database is asked. One
 * signer per purpose: a token signed for one purpose is worthless for another.
 */
export type Signer = {
  sign(payload: string): string;
  /** The payload when the signature is right, otherwise undefined. */
  verify(token: string): string | undefined;
};

export function createSigner(secret: string, purpose: string): Signer {
  const mac = (payload: string) => createHmac("sha256", `${purpose}:${secret}`).update(payload).digest("base64url").slice(0, 27);
  return {
    sign: (payload) => `${payload}.${mac(payload)}`,
    verify(token) {
      const dot = token.lastIndexOf(".");
      if (dot <= 0) return undefined;
      const payload = token.slice(0, dot);
      const given = Buffer.from(token.slice(dot + 1));
      const expected = Buffer.from(mac(payload));
      return given.length === expected.length && timingSafeEqual(given, expected) ? payload : undefined;
    },
  };
}
