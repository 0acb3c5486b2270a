import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "./app-error.ts";

/**
 * Keyset-pagination cursors: the sort key of the last row, signed so that a
 * tampered cursor is refused instead of quietly returning some other page.
 */
export type CursorCodec = {
  encode(values: readonly (string | number)[]): string;
  decode(cursor: string, expectedLength: number): (string | number)[];
};

export function createCursorCodec(secret: string): CursorCodec {
  const sign = (payload: string) => createHmac("sha256", `cursor:${secret}`).update(payload).digest("base64url").slice(0, 22);
  const invalid = () => new AppError("request.invalid_cursor", 400);
  return {
    encode(values) {
      const payload = Buffer.from(JSON.stringify(values)).toString("base64url");
      return `${payload}.${sign(payload)}`;
    },
    decode(cursor, expectedLength) {
      const [payload, signature, extra] = cursor.split(".");
      if (!payload || !signature || extra !== undefined) throw invalid();
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
      let values: unknown;
      try {
        values = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      } catch {
        throw invalid();
      }
      if (
        !Array.isArray(values) ||
        values.length !== expectedLength ||
        !values.every((v) => typeof v === "string" || typeof v === "number")
      ) {
        throw invalid();
      }
      return values;
    },
  };
}
