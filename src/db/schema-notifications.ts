/** Table types of migration 0005 (in-app notifications, e-mail deliveries, job runs). */
// biome-ignore lint/complexity/noBannedTypes: filled in with the migration
export type NotificationTables = {};
