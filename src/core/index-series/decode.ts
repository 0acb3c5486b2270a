import { IndexImportError, MAX_IMPORT_BYTES } from "./errors.ts";

/**
 * Turns uploaded bytes into text. UTF-8 when the bytes are valid UTF-8;
 * otherwise Windows-1252, what Excel on Dutch Windows saves ("Bestedingscategorieën").
 * A byte order mark is dropped.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new IndexImportError("too_large", null, { maxBytes: MAX_IMPORT_BYTES });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
