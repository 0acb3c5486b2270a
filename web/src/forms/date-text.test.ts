import { describe, expect, it } from "vitest";
import { z } from "zod";
import { en } from "../i18n/en.ts";
import { nl } from "../i18n/nl.ts";
import { dateTimePattern, formatDateTimeText, parseDateTimeText } from "./date-text.ts";
import { zodErrors } from "./zod-errors.ts";

describe("typed dates", () => {
  it("read dd-mm-jjjj and dd/mm/yyyy with a 24-hour time, or 17:00 without one", () => {
    expect(parseDateTimeText("15-06-2027 14:30")).toBe("2027-06-15 14:30");
    expect(parseDateTimeText("15/06/2027 14:30")).toBe("2027-06-15 14:30");
    expect(parseDateTimeText("5-6-2027")).toBe("2027-06-05 17:00");
    expect(parseDateTimeText("5.6.2027 9.05")).toBe("2027-06-05 09:05");
  });

  it("refuse what is no date or time", () => {
    for (const text of ["31-02-2027 10:00", "15-13-2027", "15-06-2027 24:00", "15-06-2027 2:30 PM", "tomorrow", ""]) {
      expect(parseDateTimeText(text), text).toBeUndefined();
    }
  });

  it("write a value back as the language does", () => {
    expect(formatDateTimeText("2027-06-15 14:30:00", "nl")).toBe("15-06-2027 14:30");
    expect(formatDateTimeText("2027-06-15 14:30:00", "en")).toBe("15/06/2027 14:30");
    expect(dateTimePattern("nl")).toBe("dd-mm-jjjj uu:mm");
  });
});

describe("schema issues as catalog sentences", () => {
  const schema = z.strictObject({
    title: z.string().trim().min(1).max(5),
    amount: z.number().int().min(1),
    when: z.string().regex(/^\d\d:\d\d$/),
  });
  it("in Dutch and English, keyed by form field", () => {
    const bad = { title: "", amount: 0, when: "2pm" };
    const t =
      (catalog: Record<string, string>) =>
      (key: string, params: Record<string, string | number> = {}) =>
        (catalog[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
    expect(zodErrors(schema, bad, t(nl), (path) => (path === "when" ? "time" : path))).toEqual({
      title: nl["form.required"],
      amount: "Gebruik 1 of meer.",
      time: nl["form.format"],
    });
    expect(zodErrors(schema, { ...bad, title: "too long" }, t(en)).title).toBe("Use at most 5 characters.");
  });
  it("an empty field is asked for, whatever format it would need", () => {
    const withEmail = z.strictObject({ email: z.string().trim().pipe(z.email()) });
    const t = (key: string) => (en as Record<string, string>)[key] ?? key;
    expect(zodErrors(withEmail, { email: "  " }, t)).toEqual({ email: en["form.required"] });
    expect(zodErrors(withEmail, { email: "anna@" }, t)).toEqual({ email: en["form.email"] });
  });
});
