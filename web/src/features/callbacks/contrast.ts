import type { CSSProperties } from "react";

/** Mantine's error red is below 4.5:1 on white for small text; red.9 is not. Set on a form, it holds for every field inside. */
export const ERROR_CONTRAST = { "--mantine-color-error": "var(--mantine-color-red-9)" } as CSSProperties;
