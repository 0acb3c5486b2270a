import { isoToWall } from "../commitments/time.ts";

/** "Now" as the datetime-local field shows it ("YYYY-MM-DDTHH:mm"), in the firm's time zone. */
export const wallNow = (timeZone: string): string => isoToWall(new Date().toISOString(), timeZone).slice(0, 16).replace(" ", "T");
