import { z } from "zod";
import { text } from "@/lib/text";
import { CARD_ROLES, CARD_TYPES, CD4ML_STAGES, PRIORITIES, STATUS_CATEGORIES } from "@/db/schema";
import { ProjectRef } from "../schemas";

export { ProjectRef };

export const CardKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,9}-[1-9][0-9]{0,8}$/, "must be a card key like CHURN-42");

export const CardType = z.enum(CARD_TYPES);
export const Stage = z.enum(CD4ML_STAGES);
export const CardRole = z.enum(CARD_ROLES);
export const Priority = z.enum(PRIORITIES);
export const StatusCategory = z.enum(STATUS_CATEGORIES);

export const Title = text().trim().min(1, "must not be empty").max(500, "must be at most 500 characters");
export const Points = z.number().int("must be a whole number").min(0, "must not be negative").max(1000, "must be at most 1000");
export const Label = text().trim().min(1, "must not be empty").max(40, "must be at most 40 characters");
export const IsoDate = z.iso.date("must be a date like 2026-12-31");

/** Fields a person sets on a card; every one optional on update, `null` clears it. */
export const CardFields = z.object({
  description: text().max(50_000, "must be at most 50,000 characters"),
  type: CardType,
  stage: Stage.nullable(),
  role: CardRole.nullable(),
  assigneeId: z.uuid("must be a user id").nullable(),
  points: Points.nullable(),
  priority: Priority,
  labels: z.array(Label).max(20, "must have at most 20 labels"),
  dueDate: IsoDate.nullable(),
});
