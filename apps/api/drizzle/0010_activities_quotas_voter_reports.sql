CREATE TABLE "activity_quota_reminders" (
	"region_code" text NOT NULL,
	"congress_code" text NOT NULL,
	"deputy_id" uuid NOT NULL,
	"quota_key" text NOT NULL,
	"period" text NOT NULL,
	"count" integer NOT NULL,
	"target" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activity_quota_reminders_region_code_congress_code_deputy_id_quota_key_period_pk" PRIMARY KEY("region_code","congress_code","deputy_id","quota_key","period")
);
--> statement-breakpoint
ALTER TABLE "voter_report_ratings" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "voter_report_ratings" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voter_report_ratings" ADD COLUMN "hidden_by" uuid;--> statement-breakpoint
ALTER TABLE "voter_report_ratings" ADD COLUMN "hidden_reason" text;--> statement-breakpoint
ALTER TABLE "voter_reports" ADD COLUMN "status" text DEFAULT 'scheduled' NOT NULL;--> statement-breakpoint
ALTER TABLE "voter_reports" ADD COLUMN "start_time" text;--> statement-breakpoint
ALTER TABLE "voter_reports" ADD COLUMN "place" text;--> statement-breakpoint
ALTER TABLE "voter_reports" ADD COLUMN "held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voter_reports" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "voter_reports" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voter_reports" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "voter_report_ratings_id_uq" ON "voter_report_ratings" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "voter_reports_path_idx" ON "voter_reports" USING btree ("region_code","jurisdiction_path" text_pattern_ops,"scheduled_on");