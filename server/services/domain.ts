/**
 * What the layers outside services (tRPC, HTTP adapters, auth) may know of the database: the
 * handle's type, and the closed sets of values the schema defines. They read and write only
 * through service verbs.
 */
export type { Database, Db } from "@/db/client";
export {
  BOARD_KINDS,
  CARD_LINK_KINDS,
  CARD_ROLES,
  CARD_TYPES,
  CD4ML_STAGES,
  MODEL_STAGES,
  PRIORITIES,
  ROLES,
  RUN_STATUSES,
  SPRINT_STATES,
  STATUS_CATEGORIES,
  type DatasetFormat,
  type Role,
} from "@/db/schema";
