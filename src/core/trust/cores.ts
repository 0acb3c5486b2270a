/**
 * The four cores of trust (Covey): Integrity and Intent are character,
 * Capabilities and Results are competence. A client shares real problems only
 * with an advisor whose character they trust, and does business only when all
 * four hold (PRODUCT.md §4).
 */
export const TRUST_CORES = ["integrity", "intent", "capabilities", "results"] as const;
export type TrustCore = (typeof TRUST_CORES)[number];

export const CHARACTER_CORES: readonly TrustCore[] = ["integrity", "intent"];

export const isTrustCore = (value: unknown): value is TrustCore => TRUST_CORES.includes(value as TrustCore);
