import { dictionary } from "@zxcvbn-ts/language-common";
import { languageFromHeader, translate } from "../../i18n/translate.ts";
import { AppError } from "../../shared/app-error.ts";

/**
 * About 49,000 passwords seen most often in published breaches (the list the
 * zxcvbn strength estimator ranks by), shipped in an npm package: nothing is
 * fetched at run time. Stored lower-cased; built on first use.
 */
let common: Set<string> | undefined;
const commonPasswords = () => {
  common ??= new Set(dictionary["passwords-common"].map((word) => word.toLowerCase()));
  return common;
};

/**
 * Whether a new password is one an attacker tries first: on the breach list
 * (ignoring case and surrounding spaces), one character repeated, or the
 * account's own e-mail address (or the part before the @).
 */
export function isCommonPassword(password: string, email?: string): boolean {
  const candidate = password.trim().toLowerCase();
  if (commonPasswords().has(candidate) || commonPasswords().has(candidate.replace(/\s+/g, ""))) return true;
  if (new Set(candidate).size <= 1) return true;
  const address = email?.trim().toLowerCase();
  return address !== undefined && (candidate === address || candidate === address.split("@")[0]);
}

/**
 * Refuses a common password for a new or changed password with a 400 that
 * names the field, so forms show it next to the password. Call it wherever a
 * password is set: sign-up, invitation acceptance, the CLI, a password change.
 */
export function assertPasswordNotCommon(password: string, email: string, acceptLanguage?: string): void {
  if (!isCommonPassword(password, email)) return;
  const message = translate(languageFromHeader(acceptLanguage), "field.common_password");
  throw new AppError("auth.common_password", 400, {}, { fields: [{ path: "password", code: "common_password", message }] });
}
