CREATE TABLE "suggestion_answers" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"department_id" uuid,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"signer_name" text NOT NULL,
	"signer_title" text NOT NULL,
	"promised_on" date,
	"no_contact" boolean DEFAULT false NOT NULL,
	"on_time" boolean NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suggestion_answers_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "suggestion_assignments" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"role" text NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"batch" text,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone NOT NULL,
	"returned_at" timestamp with time zone,
	"return_reason" text,
	"opinion" text,
	"opinion_at" timestamp with time zone,
	"opinion_due_at" timestamp with time zone,
	CONSTRAINT "suggestion_assignments_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "suggestion_contacts" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"department_id" uuid,
	"stage" text NOT NULL,
	"day" date NOT NULL,
	"form" text NOT NULL,
	"agreed" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestion_contacts_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "suggestion_counters" (
	"region_code" text NOT NULL,
	"congress_code" text NOT NULL,
	"counter_key" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "suggestion_counters_region_code_congress_code_counter_key_pk" PRIMARY KEY("region_code","congress_code","counter_key")
);
--> statement-breakpoint
CREATE TABLE "suggestion_ratings" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"attitude" text NOT NULL,
	"result" text NOT NULL,
	"comment" text,
	"rated_by" uuid,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suggestion_ratings_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "suggestion_reports" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"body" text NOT NULL,
	"reported_by" uuid,
	"reported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suggestion_reports_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "suggestion_sessions" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"congress_code" text NOT NULL,
	"term" integer NOT NULL,
	"session" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestion_sessions_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "suggestion_signers" (
	"region_code" text NOT NULL,
	"case_id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	"role" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suggestion_signers_region_code_case_id_deputy_id_pk" PRIMARY KEY("region_code","case_id","deputy_id")
);
--> statement-breakpoint
CREATE TABLE "suggestions" (
	"region_code" text NOT NULL,
	"case_id" uuid NOT NULL,
	"congress_code" text NOT NULL,
	"deputy_id" uuid NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"origin" text DEFAULT 'deputy' NOT NULL,
	"source_opinion_id" uuid,
	"submitted_at" timestamp with time zone,
	"period" text,
	"session_id" uuid,
	"term" integer,
	"session_no" integer,
	"register_no" text,
	"register_seq" integer,
	"registered_at" timestamp with time zone,
	"letter_reason" text,
	"group_id" uuid,
	"difficult" boolean DEFAULT false NOT NULL,
	"lead_department_id" uuid,
	"assigned_at" timestamp with time zone,
	"assign_batch" text,
	"answer_due_at" timestamp with time zone,
	"answer_category" text,
	"answered_at" timestamp with time zone,
	"promised_on" date,
	"follow_up_done_at" timestamp with time zone,
	"attitude" text,
	"result" text,
	"rehandled" integer DEFAULT 0 NOT NULL,
	"key_year" integer,
	"key_leader" text,
	"pil_status" text DEFAULT 'none' NOT NULL,
	"pil_note" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestions_region_code_case_id_pk" PRIMARY KEY("region_code","case_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "suggestion_answers_round_uq" ON "suggestion_answers" USING btree ("region_code","case_id","round");--> statement-breakpoint
CREATE INDEX "suggestion_assignments_case_idx" ON "suggestion_assignments" USING btree ("region_code","case_id");--> statement-breakpoint
CREATE INDEX "suggestion_assignments_dept_idx" ON "suggestion_assignments" USING btree ("region_code","department_id","status");--> statement-breakpoint
CREATE INDEX "suggestion_contacts_case_idx" ON "suggestion_contacts" USING btree ("region_code","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "suggestion_ratings_round_uq" ON "suggestion_ratings" USING btree ("region_code","case_id","round");--> statement-breakpoint
CREATE INDEX "suggestion_reports_case_idx" ON "suggestion_reports" USING btree ("region_code","case_id","reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "suggestion_sessions_uq" ON "suggestion_sessions" USING btree ("region_code","congress_code","term","session");--> statement-breakpoint
CREATE INDEX "suggestion_signers_deputy_idx" ON "suggestion_signers" USING btree ("region_code","deputy_id");--> statement-breakpoint
CREATE INDEX "suggestions_congress_idx" ON "suggestions" USING btree ("region_code","congress_code","term","session_no");--> statement-breakpoint
CREATE INDEX "suggestions_deputy_idx" ON "suggestions" USING btree ("region_code","deputy_id");--> statement-breakpoint
CREATE INDEX "suggestions_dept_idx" ON "suggestions" USING btree ("region_code","lead_department_id");--> statement-breakpoint
CREATE INDEX "suggestions_group_idx" ON "suggestions" USING btree ("region_code","group_id");--> statement-breakpoint
CREATE INDEX "suggestions_opinion_idx" ON "suggestions" USING btree ("region_code","source_opinion_id");--> statement-breakpoint
CREATE INDEX "suggestions_published_idx" ON "suggestions" USING btree ("region_code","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "suggestions_register_uq" ON "suggestions" USING btree ("region_code","congress_code","register_no") WHERE "suggestions"."register_no" is not null;