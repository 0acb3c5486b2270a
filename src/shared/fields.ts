import { z } from "zod";

/**
 * Field shapes used across the API. Limits are generous for real data and
 * strict enough that a pasted novel or a script never reaches the database.
 */
export const personName = z.string().trim().min(1).max(200).meta({ description: "A name as people write it, 1–200 characters." });

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email())
  .meta({ description: "An e-mail address.", example: "anna@example.nl" });

export const phone = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^\+?[0-9 ()./-]+$/, "digits, spaces and + ( ) . / - only")
  .meta({ description: "A phone number: digits, spaces and + ( ) . / -.", example: "+31 20 123 4567" });

export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? null : value), schema.nullable().optional());

/** Any 8-4-4-4-12 hexadecimal identifier: imported records may carry non-v4 UUIDs. */
export const uuid = z.guid().meta({ description: "Identifier (UUID)." });

/** Better-auth user ids are opaque strings. */
export const userId = z.string().min(1).max(100).meta({ description: "A user's identifier." });

export const pageLimit = z.coerce.number().int().min(1).max(200).default(50).meta({
  description: "How many items per page (1–200, default 50).",
});

export const cursorParam = z
  .string()
  .max(500)
  .optional()
  .meta({ description: "The `nextCursor` of the previous page; omit for the first page." });

export const errorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable machine-readable code, e.g. clients.not_found." }),
      message: z.string().meta({ description: "Human-readable message in the request's language." }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });

/**
 * The years a date in a request may fall in. Far dates break more than they
 * serve: time-zone offsets near year 9999 come out as NaN, and working-time
 * searches and holiday tables have nothing to say there.
 */
export const DATE_YEARS = Object.freeze({ from: 1900, to: 2200 });

const yearWithinRange = (value: string) => {
  const year = Number(value.slice(0, 4));
  // An offset can move a date across New Year: check the instant's year as well when it has one.
  const instant = value.length > 10 ? new Date(value).getUTCFullYear() : year;
  return [year, instant].every((y) => y >= DATE_YEARS.from && y <= DATE_YEARS.to);
};
const dateRangeIssue = { message: "date out of range", params: { reason: "date_out_of_range" } };

/** An ISO 8601 date-time with offset, within DATE_YEARS. Every date-time a request carries uses this. */
export const dateTime = z.iso
  .datetime({ offset: true })
  .refine(yearWithinRange, dateRangeIssue)
  .meta({
    description: `ISO 8601 date-time with offset, years ${DATE_YEARS.from}–${DATE_YEARS.to}.`,
    example: "2026-11-24T14:00:00+01:00",
  });

/** A calendar date YYYY-MM-DD within DATE_YEARS. */
export const localDate = z.iso
  .date()
  .refine(yearWithinRange, dateRangeIssue)
  .meta({ description: `A date YYYY-MM-DD, years ${DATE_YEARS.from}–${DATE_YEARS.to}.`, example: "2026-11-24" });
