import type { z } from "zod";
import type { MessageKey } from "../i18n/en.ts";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * A zod issue as a sentence of the UI's catalog: the API's schemas carry
 * English developer wording ("HH:MM", "end must be after start"), which a
 * form must never show as is.
 */
export function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  switch (issue.code) {
    case "invalid_type":
      return t("form.required");
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "string") return minimum <= 1 ? t("form.required") : t("form.tooShort", { min: minimum });
      return t("form.tooSmall", { min: minimum });
    }
    case "too_big":
      return issue.origin === "string"
        ? t("form.tooLong", { max: Number(issue.maximum) })
        : t("form.tooBig", { max: Number(issue.maximum) });
    case "invalid_format":
      return issue.format === "email" ? t("form.email") : issue.format === "url" ? t("form.url") : t("form.format");
    case "not_multiple_of":
      return t("form.wholeNumber");
    case "invalid_value":
      return t("form.choose");
    default:
      return t("form.invalid");
  }
}

/** What `value` holds at a schema path: the text of a field, to tell an empty one from a wrong one. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * The errors of `value` against `schema`, keyed by form field: `fieldOf` maps
 * the schema's path ("dueIn.amount") to the form's field name, or drops it.
 * Only the first issue per field counts: one clear sentence per field. A field
 * left empty is asked for ("Fill this in."), whatever its format would be.
 */
export function zodErrors(
  schema: z.ZodType,
  value: unknown,
  t: Translate,
  fieldOf: (path: string) => string | undefined = (path) => path,
): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = fieldOf(issue.path.map(String).join("."));
    if (field === undefined || errors[field] !== undefined) continue;
    const text = valueAt(value, issue.path);
    errors[field] = typeof text === "string" && text.trim() === "" ? t("form.required") : issueMessage(issue, t);
  }
  return errors;
}
