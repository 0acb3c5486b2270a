import { z } from "zod";

/** A personal calendar feed (ICS) of one's open promises, behind a secret, revocable address. */
export const calendarFeedSchema = z
  .object({
    active: z.boolean(),
    createdAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: "CalendarFeed" });
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;

export const createdCalendarFeedSchema = z
  .object({ url: z.string().meta({ description: "Shown once: subscribe to it in your calendar app." }), createdAt: z.string() })
  .meta({ id: "CreatedCalendarFeed" });

export const calendarTokenParams = z.strictObject({ token: z.string().min(1).max(200) });
