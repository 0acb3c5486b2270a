import { z } from "zod";
import { uuid } from "../../shared/fields.ts";

/**
 * Price-index series: the CBS consumer price index shipped with the application
 * (code 'cbs-cpi', yearly changes) and the series an organization imports from CSV.
 */
export const INDEX_SERIES_KINDS = ["yearly_change", "index"] as const;
export const SHIPPED_CPI_CODE = "cbs-cpi";

const kind = z.enum(INDEX_SERIES_KINDS).meta({
  description: "yearly_change: a published change per year in percent; index: index figures (e.g. 2015 = 100).",
});
const period = z.string().meta({ description: "'2024' for a year, '2024-01' for a month.", example: "2024-01" });

export const importQuery = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "The series' name; needed for a simple period;value file, ignored for a CBS download (known by its table)." }),
});
export type ImportQuery = z.infer<typeof importQuery>;

export const importResultSchema = z
  .object({
    id: uuid,
    points: z.number().int().meta({ description: "How many points the file held." }),
    revised: z.number().int().meta({ description: "How many known points got another figure." }),
    chained: z
      .object({
        id: uuid,
        overlapPeriod: z.string(),
        factor: z.number(),
      })
      .nullable()
      .meta({
        description:
          "With both CBS CPI tables imported: the series 'cbs-cpi-chained' on the newer base (2025 = 100), the older table's periods re-expressed by the ratio at the overlap period. Null when there is nothing to chain (one table, or no period in common).",
      }),
  })
  .meta({ id: "IndexSeriesImported" });
export type ImportResult = z.infer<typeof importResultSchema>;

export const seriesSummarySchema = z
  .object({
    id: uuid,
    code: z.string().nullable(),
    name: z.string(),
    kind,
    base: z.string().nullable().meta({ description: "The index base, e.g. '2015=100'; null for changes and custom series." }),
    source: z.string(),
    firstPeriod: z.string().nullable(),
    lastPeriod: z.string().nullable(),
    pointCount: z.number().int(),
    provisionalCount: z.number().int(),
  })
  .meta({ id: "IndexSeriesSummary" });
export type SeriesSummary = z.infer<typeof seriesSummarySchema>;

export const seriesListSchema = z.object({ items: z.array(seriesSummarySchema) }).meta({ id: "IndexSeriesList" });
export type SeriesList = z.infer<typeof seriesListSchema>;

export const indexPointSchema = z
  .object({
    period,
    value: z.number().optional().meta({ description: "The index figure, when the series has one." }),
    changePct: z.number().optional().meta({ description: "The change against a year earlier, in percent, when published." }),
    provisional: z.boolean(),
    revisedFrom: z.number().optional().meta({ description: "The figure before a later import revised it." }),
    revisedAt: z.string().optional().meta({ description: "When the figure was revised." }),
    source: z.string(),
  })
  .meta({ id: "IndexPoint" });
export type IndexPointOut = z.infer<typeof indexPointSchema>;

export const seriesDetailSchema = z
  .object({
    id: uuid,
    code: z.string().nullable(),
    name: z.string(),
    kind,
    base: z.string().nullable(),
    source: z.string(),
    points: z.array(indexPointSchema),
  })
  .meta({ id: "IndexSeries" });
export type SeriesDetail = z.infer<typeof seriesDetailSchema>;

/** The web's import form: the file is the body, the name a query parameter. */
export const importFormSchema = z.object({ name: z.string().trim().max(200) });
