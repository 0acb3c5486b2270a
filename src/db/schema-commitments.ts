/** Table types of migration 0004 (working time, SLA policies, commitments and their events). */
// biome-ignore lint/complexity/noBannedTypes: filled in with the migration
export type CommitmentTables = {};
