CREATE TABLE "api_clients" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"contact" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_clients_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "opinion_progress_reports" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"department_id" uuid,
	"body" text NOT NULL,
	"reported_by" uuid,
	"reported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "opinion_progress_reports_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
ALTER TABLE "opinion_assignments" ADD COLUMN "opinion" text;--> statement-breakpoint
ALTER TABLE "opinion_assignments" ADD COLUMN "opinion_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "opinion_assignments" ADD COLUMN "opinion_by" uuid;--> statement-breakpoint
ALTER TABLE "opinion_attachments" ADD COLUMN "round" integer;--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "api_client_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "api_clients_key_uq" ON "api_clients" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_clients_jurisdiction_idx" ON "api_clients" USING btree ("region_code","jurisdiction_path");--> statement-breakpoint
CREATE INDEX "opinion_progress_case_idx" ON "opinion_progress_reports" USING btree ("region_code","case_id","reported_at");--> statement-breakpoint
CREATE INDEX "opinions_search_idx" ON "opinions" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "opinions_township_created_idx" ON "opinions" USING btree ("region_code","township_code","created_at");