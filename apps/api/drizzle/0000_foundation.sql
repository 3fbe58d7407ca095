CREATE TABLE "audit_log" (
	"region_code" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"jurisdiction_code" text,
	"ip" text,
	"request_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_region_code_seq_pk" PRIMARY KEY("region_code","seq")
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"published_on" date,
	"working_days" integer NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"loaded_by" text
);
--> statement-breakpoint
CREATE TABLE "case_history" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_history_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_type" text NOT NULL,
	"tracking_no" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"state" text NOT NULL,
	"phase" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "cases_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"channel" text NOT NULL,
	"account_id" uuid,
	"address_enc" text,
	"address_masked" text,
	"template" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"last_error" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"topic" text NOT NULL,
	"aggregate_type" text,
	"aggregate_id" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "sms_outbox" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"notification_id" uuid,
	"phone_enc" text NOT NULL,
	"phone_hash" text NOT NULL,
	"phone_masked" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sms_outbox_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "timers" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"provisional" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fired_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "timers_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "tracking_counters" (
	"region_code" text NOT NULL,
	"prefix" text NOT NULL,
	"day" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "tracking_counters_region_code_prefix_day_pk" PRIMARY KEY("region_code","prefix","day")
);
--> statement-breakpoint
CREATE TABLE "webhook_targets" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"url_enc" text NOT NULL,
	"enabled" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_targets_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"username" text,
	"display_name" text NOT NULL,
	"password_hash" text,
	"password_changed_at" timestamp with time zone,
	"phone_enc" text,
	"phone_hash" text,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"totp_secret_enc" text,
	"totp_enabled" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"department_id" uuid,
	"deputy_id" uuid,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "otp_challenges" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"phone_hash" text NOT NULL,
	"code_hash" text NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "otp_challenges_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "role_grants" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"role" text NOT NULL,
	"scope_code" text NOT NULL,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_grants_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"csrf_hash" text NOT NULL,
	"account_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	CONSTRAINT "sessions_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "congresses" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"term" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "congresses_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"region_code" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "settings_region_code_jurisdiction_code_key_pk" PRIMARY KEY("region_code","jurisdiction_code","key")
);
--> statement-breakpoint
CREATE TABLE "deputies" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"ethnicity" text DEFAULT '汉族' NOT NULL,
	"birth_year" integer,
	"party" text,
	"occupation_category" text,
	"workplace" text,
	"phone_enc" text,
	"phone_hash" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deputies_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "deputy_mandates" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	"level" text NOT NULL,
	"congress_jurisdiction_code" text NOT NULL,
	"term" integer NOT NULL,
	"electoral_district" text,
	"group_name" text,
	CONSTRAINT "deputy_mandates_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "station_deputies" (
	"region_code" text NOT NULL,
	"station_id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	CONSTRAINT "station_deputies_region_code_station_id_deputy_id_pk" PRIMARY KEY("region_code","station_id","deputy_id")
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"opening_hours" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stations_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "jurisdictions" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"path" text NOT NULL,
	"depth" integer NOT NULL,
	"region_code" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("region_code","at");--> statement-breakpoint
CREATE INDEX "audit_target_idx" ON "audit_log" USING btree ("region_code","target_type","target_id");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("region_code","actor_id","at");--> statement-breakpoint
CREATE INDEX "calendar_days_year_idx" ON "calendar_days" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "case_history_seq_uq" ON "case_history" USING btree ("region_code","case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_tracking_uq" ON "cases" USING btree ("region_code","tracking_no");--> statement-breakpoint
CREATE INDEX "cases_type_phase_idx" ON "cases" USING btree ("region_code","case_type","phase","opened_at");--> statement-breakpoint
CREATE INDEX "cases_path_idx" ON "cases" USING btree ("region_code","jurisdiction_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("next_attempt_at") WHERE "notifications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_inbox_idx" ON "notifications" USING btree ("region_code","account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("region_code","dedupe_key") WHERE "notifications"."dedupe_key" is not null;--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("available_at") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "sms_outbox_at_idx" ON "sms_outbox" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "timers_due_idx" ON "timers" USING btree ("due_at") WHERE "timers"."status" = 'open';--> statement-breakpoint
CREATE INDEX "timers_case_idx" ON "timers" USING btree ("region_code","case_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_username_uq" ON "accounts" USING btree ("username") WHERE "accounts"."username" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_phone_uq" ON "accounts" USING btree ("kind","phone_hash") WHERE "accounts"."phone_hash" is not null;--> statement-breakpoint
CREATE INDEX "otp_phone_idx" ON "otp_challenges" USING btree ("region_code","phone_hash","created_at");--> statement-breakpoint
CREATE INDEX "otp_ip_idx" ON "otp_challenges" USING btree ("region_code","ip","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "role_grants_uq" ON "role_grants" USING btree ("region_code","account_id","role","scope_code");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_uq" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("region_code","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "congresses_jur_uq" ON "congresses" USING btree ("region_code","jurisdiction_code");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_name_uq" ON "departments" USING btree ("region_code","jurisdiction_code","name");--> statement-breakpoint
CREATE INDEX "deputies_jur_idx" ON "deputies" USING btree ("region_code","jurisdiction_code");--> statement-breakpoint
CREATE INDEX "mandates_deputy_idx" ON "deputy_mandates" USING btree ("region_code","deputy_id");--> statement-breakpoint
CREATE INDEX "station_deputies_deputy_idx" ON "station_deputies" USING btree ("region_code","deputy_id");--> statement-breakpoint
CREATE INDEX "stations_jur_idx" ON "stations" USING btree ("region_code","jurisdiction_code");--> statement-breakpoint
CREATE INDEX "jurisdictions_path_idx" ON "jurisdictions" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "jurisdictions_parent_idx" ON "jurisdictions" USING btree ("parent_code","sort");--> statement-breakpoint
CREATE INDEX "jurisdictions_region_idx" ON "jurisdictions" USING btree ("region_code","level");