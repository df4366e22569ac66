-- Points stored twice by retried log-batch calls before this index: keep the first of each.
DELETE FROM "metrics" AS "a" USING "metrics" AS "b" WHERE "a"."run_id" = "b"."run_id" AND "a"."key" = "b"."key" AND "a"."step" = "b"."step" AND "a"."timestamp" = "b"."timestamp" AND "a"."value" = "b"."value" AND "a"."id" > "b"."id";--> statement-breakpoint
CREATE UNIQUE INDEX "metrics_run_id_key_step_timestamp_value_idx" ON "metrics" USING btree ("run_id","key","step","timestamp","value");
