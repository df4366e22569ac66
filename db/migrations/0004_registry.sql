CREATE TABLE "logged_model_params" (
	"model_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "logged_model_params_pkey" PRIMARY KEY("model_id","key")
);
--> statement-breakpoint
CREATE TABLE "logged_model_tags" (
	"model_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "logged_model_tags_pkey" PRIMARY KEY("model_id","key")
);
--> statement-breakpoint
CREATE TABLE "logged_models" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"experiment_id" bigint NOT NULL,
	"name" text NOT NULL,
	"model_type" text,
	"source_run_id" uuid,
	"status" text DEFAULT 'LOGGED_MODEL_PENDING' NOT NULL,
	"status_message" text,
	"artifact_uri" text NOT NULL,
	"creator_id" uuid,
	"creation_time" bigint NOT NULL,
	"last_updated_time" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_aliases" (
	"model_id" uuid NOT NULL,
	"alias" text NOT NULL,
	"version_id" uuid NOT NULL,
	CONSTRAINT "model_aliases_pkey" PRIMARY KEY("model_id","alias")
);
--> statement-breakpoint
CREATE TABLE "model_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "model_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"model_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" integer,
	"alias" text,
	"from_version" integer,
	"to_version" integer,
	"from_stage" text,
	"to_stage" text,
	"detail" text,
	"actor_id" uuid,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_version_tags" (
	"version_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "model_version_tags_pkey" PRIMARY KEY("version_id","key")
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"storage_path" text NOT NULL,
	"run_id" uuid,
	"status" text DEFAULT 'READY' NOT NULL,
	"stage" text DEFAULT 'None' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"user_id" uuid,
	"onnx_io" jsonb,
	"creation_time" bigint NOT NULL,
	"last_updated_time" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registered_model_tags" (
	"model_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "registered_model_tags_pkey" PRIMARY KEY("model_id","key")
);
--> statement-breakpoint
CREATE TABLE "registered_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"last_version" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"creation_time" bigint NOT NULL,
	"last_updated_time" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "logged_model_params" ADD CONSTRAINT "logged_model_params_model_id_logged_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_model_tags" ADD CONSTRAINT "logged_model_tags_model_id_logged_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_models" ADD CONSTRAINT "logged_models_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_models" ADD CONSTRAINT "logged_models_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_models" ADD CONSTRAINT "logged_models_source_run_id_runs_id_fk" FOREIGN KEY ("source_run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_models" ADD CONSTRAINT "logged_models_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_events" ADD CONSTRAINT "model_events_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_events" ADD CONSTRAINT "model_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_version_tags" ADD CONSTRAINT "model_version_tags_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registered_model_tags" ADD CONSTRAINT "registered_model_tags_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registered_models" ADD CONSTRAINT "registered_models_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registered_models" ADD CONSTRAINT "registered_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "logged_models_project_id_experiment_id_idx" ON "logged_models" USING btree ("project_id","experiment_id");--> statement-breakpoint
CREATE INDEX "logged_models_source_run_id_idx" ON "logged_models" USING btree ("source_run_id");--> statement-breakpoint
CREATE INDEX "model_aliases_version_id_idx" ON "model_aliases" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "model_events_model_id_at_idx" ON "model_events" USING btree ("model_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "model_versions_model_id_version_idx" ON "model_versions" USING btree ("model_id","version");--> statement-breakpoint
CREATE INDEX "model_versions_run_id_idx" ON "model_versions" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registered_models_project_id_name_idx" ON "registered_models" USING btree ("project_id","name");