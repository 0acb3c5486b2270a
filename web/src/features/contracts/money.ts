/** Euro as typed in a number field to whole cents; anything but a number stays invalid for the API's schema. */
export const toCents = (euro: number | string) => (typeof euro === "number" ? Math.round(euro * 100) : Number.NaN);
