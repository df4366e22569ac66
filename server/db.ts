/** The process-wide database, opened by services/database; kept here for the app's existing imports. */
export { getDatabase, getDb } from "@/server/services/database";
