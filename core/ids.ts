// Record ids are UUIDs. A path id that is not one cannot name a record, so
// callers answer 404 (not 400) without asking the database, and leak nothing.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);
