CREATE TABLE "mediation_cases" (
	"region_code" text NOT NULL,
	"case_id" uuid NOT NULL,
	"station_id" uuid,
	"dispute_type" text NOT NULL,
	"source" text NOT NULL,
	"source_opinion_id" uuid,
	"referred_by" text,
	"parties_enc" text NOT NULL,
	"party_count" integer NOT NULL,
	"summary" text NOT NULL,
	"co_mediators" text,
	"accepted_at" timestamp with time zone,
	"agreement" text,
	"agreement_form" text,
	"performance_due_on" date,
	"outcome_reason" text,
	"guidance" text,
	"concluded_at" timestamp with time zone,
	"performance" text,
	"follow_up_note" text,
	"followed_up_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_cases_region_code_case_id_pk" PRIMARY KEY("region_code","case_id")
);
--> statement-breakpoint
CREATE TABLE "mediation_findings" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_findings_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "mediation_mediators" (
	"region_code" text NOT NULL,
	"case_id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_mediators_region_code_case_id_deputy_id_pk" PRIMARY KEY("region_code","case_id","deputy_id")
);
--> statement-breakpoint
CREATE TABLE "mediation_sessions" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"attendees" text NOT NULL,
	"minutes" text NOT NULL,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_sessions_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
ALTER TABLE "suggestions" ADD COLUMN "source_mediation_finding_id" uuid;--> statement-breakpoint
CREATE INDEX "mediation_cases_station_idx" ON "mediation_cases" USING btree ("region_code","station_id");--> statement-breakpoint
CREATE INDEX "mediation_cases_opinion_idx" ON "mediation_cases" USING btree ("region_code","source_opinion_id") WHERE "mediation_cases"."source_opinion_id" is not null;--> statement-breakpoint
CREATE INDEX "mediation_findings_case_idx" ON "mediation_findings" USING btree ("region_code","case_id");--> statement-breakpoint
CREATE INDEX "mediation_mediators_deputy_idx" ON "mediation_mediators" USING btree ("region_code","deputy_id");--> statement-breakpoint
CREATE INDEX "mediation_sessions_case_idx" ON "mediation_sessions" USING btree ("region_code","case_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "suggestions_mediation_uq" ON "suggestions" USING btree ("region_code","source_mediation_finding_id","deputy_id") WHERE "suggestions"."source_mediation_finding_id" is not null;