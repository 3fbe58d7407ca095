CREATE TABLE "activities" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"congress_code" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"content" text,
	"place" text,
	"mode" text,
	"day" date NOT NULL,
	"station_id" uuid,
	"citizens_received" integer DEFAULT 0 NOT NULL,
	"opinions_collected" integer DEFAULT 0 NOT NULL,
	"problems_solved" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"origin" text NOT NULL,
	"source_type" text,
	"source_id" text,
	"reject_reason" text,
	"created_by" uuid,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "activity_participants" (
	"region_code" text NOT NULL,
	"activity_id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	"attendance" text NOT NULL,
	CONSTRAINT "activity_participants_region_code_activity_id_deputy_id_pk" PRIMARY KEY("region_code","activity_id","deputy_id")
);
--> statement-breakpoint
CREATE TABLE "point_adjustments" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	"congress_code" text NOT NULL,
	"year" integer NOT NULL,
	"points" double precision NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_adjustments_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "point_evidence" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	"congress_code" text NOT NULL,
	"year" integer NOT NULL,
	"day" date NOT NULL,
	"key" text NOT NULL,
	"ref_type" text NOT NULL,
	"ref_id" text NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_evidence_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "point_rule_sets" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"congress_code" text NOT NULL,
	"effective_year" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_rule_sets_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "point_tallies" (
	"region_code" text NOT NULL,
	"congress_code" text NOT NULL,
	"year" integer NOT NULL,
	"deputy_id" uuid NOT NULL,
	"key" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "point_tallies_region_code_congress_code_year_deputy_id_key_pk" PRIMARY KEY("region_code","congress_code","year","deputy_id","key")
);
--> statement-breakpoint
CREATE TABLE "voter_report_ratings" (
	"region_code" text NOT NULL,
	"report_id" uuid NOT NULL,
	"phone_hash" text NOT NULL,
	"account_id" uuid,
	"rating" text NOT NULL,
	"comment" text,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "voter_report_ratings_region_code_report_id_phone_hash_pk" PRIMARY KEY("region_code","report_id","phone_hash")
);
--> statement-breakpoint
CREATE TABLE "voter_reports" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	"congress_code" text NOT NULL,
	"year" integer NOT NULL,
	"station_id" uuid,
	"jurisdiction_code" text NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"scheduled_on" date NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"published_at" timestamp with time zone,
	"closes_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voter_reports_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "activities_source_uq" ON "activities" USING btree ("region_code","source_type","source_id","kind") WHERE "activities"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "activities_day_idx" ON "activities" USING btree ("region_code","congress_code","day");--> statement-breakpoint
CREATE INDEX "activities_path_idx" ON "activities" USING btree ("region_code","jurisdiction_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "activity_participants_deputy_idx" ON "activity_participants" USING btree ("region_code","deputy_id");--> statement-breakpoint
CREATE INDEX "point_adjustments_idx" ON "point_adjustments" USING btree ("region_code","congress_code","year","deputy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "point_evidence_uq" ON "point_evidence" USING btree ("region_code","deputy_id","key","ref_type","ref_id");--> statement-breakpoint
CREATE INDEX "point_evidence_year_idx" ON "point_evidence" USING btree ("region_code","congress_code","year","deputy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "point_rule_sets_year_uq" ON "point_rule_sets" USING btree ("region_code","congress_code","effective_year");--> statement-breakpoint
CREATE INDEX "voter_reports_deputy_idx" ON "voter_reports" USING btree ("region_code","deputy_id","year");