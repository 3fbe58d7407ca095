CREATE TABLE "deputy_grids" (
	"region_code" text NOT NULL,
	"deputy_id" uuid NOT NULL,
	"grid_code" text NOT NULL,
	CONSTRAINT "deputy_grids_region_code_deputy_id_grid_code_pk" PRIMARY KEY("region_code","deputy_id","grid_code")
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_jobs_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "liaison_pairs" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"member_name" text NOT NULL,
	"member_title" text,
	"member_account_id" uuid,
	"department_id" uuid,
	"deputy_id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"last_contact_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "liaison_pairs_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "liaison_visits" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"pair_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"mode" text NOT NULL,
	"summary" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "liaison_visits_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "observer_deputies" (
	"region_code" text NOT NULL,
	"observer_id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	CONSTRAINT "observer_deputies_region_code_observer_id_deputy_id_pk" PRIMARY KEY("region_code","observer_id","deputy_id")
);
--> statement-breakpoint
CREATE TABLE "observers" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"organisation" text,
	"phone_enc" text,
	"phone_hash" text,
	"account_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "observers_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "booking_slots" (
	"region_code" text NOT NULL,
	"station_id" uuid NOT NULL,
	"day" date NOT NULL,
	"slot_start" text NOT NULL,
	"rule_id" uuid NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "booking_slots_region_code_station_id_day_slot_start_pk" PRIMARY KEY("region_code","station_id","day","slot_start")
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"day" date NOT NULL,
	"slot_start" text NOT NULL,
	"account_id" uuid,
	"name_enc" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_hash" text NOT NULL,
	"topic" text NOT NULL,
	"deputy_id" uuid,
	"status" text DEFAULT 'booked' NOT NULL,
	"check_in_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	CONSTRAINT "bookings_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "reception_day_overrides" (
	"region_code" text NOT NULL,
	"rule_id" uuid NOT NULL,
	"day" date NOT NULL,
	"deputy_ids" uuid[],
	"cancelled" boolean DEFAULT false NOT NULL,
	"note" text,
	CONSTRAINT "reception_day_overrides_region_code_rule_id_day_pk" PRIMARY KEY("region_code","rule_id","day")
);
--> statement-breakpoint
CREATE TABLE "reception_rules" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"rule" jsonb NOT NULL,
	"holiday_policy" text DEFAULT 'next_working_day' NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"slot_minutes" integer DEFAULT 30 NOT NULL,
	"capacity_per_slot" integer DEFAULT 3 NOT NULL,
	"rota_deputy_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"deputies_per_day" integer DEFAULT 1 NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"theme" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reception_rules_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "station_checklist_items" (
	"region_code" text NOT NULL,
	"station_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"met" boolean NOT NULL,
	"evidence_url" text,
	"note" text,
	"checked_on" date NOT NULL,
	"checked_by" uuid,
	CONSTRAINT "station_checklist_items_region_code_station_id_item_key_pk" PRIMARY KEY("region_code","station_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "station_plans" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"theme" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_plans_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "station_staff" (
	"region_code" text NOT NULL,
	"station_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	CONSTRAINT "station_staff_region_code_station_id_account_id_pk" PRIMARY KEY("region_code","station_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "deputies" ADD COLUMN "public_code" text DEFAULT substr(md5(random()::text || clock_timestamp()::text), 1, 10) NOT NULL;--> statement-breakpoint
ALTER TABLE "deputies" ADD COLUMN "duties" text;--> statement-breakpoint
ALTER TABLE "deputies" ADD COLUMN "photo_url" text;--> statement-breakpoint
ALTER TABLE "deputies" ADD COLUMN "expertise" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "deputies" ADD COLUMN "professional_groups" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "deputies" ADD COLUMN "contact_prefs" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "deputies" ADD COLUMN "status_changed_on" date;--> statement-breakpoint
ALTER TABLE "deputies" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "deputies" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deputy_mandates" ADD COLUMN "delegation" text;--> statement-breakpoint
ALTER TABLE "deputy_mandates" ADD COLUMN "started_on" date;--> statement-breakpoint
ALTER TABLE "deputy_mandates" ADD COLUMN "ended_on" date;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "public_code" text DEFAULT substr(md5(random()::text || clock_timestamp()::text), 1, 10) NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "basis" text DEFAULT 'area' NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "photo_url" text;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "deputy_grids_grid_idx" ON "deputy_grids" USING btree ("region_code","grid_code");--> statement-breakpoint
CREATE INDEX "liaison_pairs_deputy_idx" ON "liaison_pairs" USING btree ("region_code","deputy_id");--> statement-breakpoint
CREATE INDEX "liaison_visits_pair_idx" ON "liaison_visits" USING btree ("region_code","pair_id","visited_on");--> statement-breakpoint
CREATE INDEX "observer_deputies_deputy_idx" ON "observer_deputies" USING btree ("region_code","deputy_id");--> statement-breakpoint
CREATE INDEX "observers_jur_idx" ON "observers" USING btree ("region_code","jurisdiction_code");--> statement-breakpoint
CREATE INDEX "bookings_day_idx" ON "bookings" USING btree ("region_code","station_id","day");--> statement-breakpoint
CREATE INDEX "bookings_phone_idx" ON "bookings" USING btree ("region_code","phone_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_code_uq" ON "bookings" USING btree ("region_code","station_id","day","check_in_code");--> statement-breakpoint
CREATE INDEX "reception_rules_station_idx" ON "reception_rules" USING btree ("region_code","station_id");--> statement-breakpoint
CREATE UNIQUE INDEX "station_plans_month_uq" ON "station_plans" USING btree ("region_code","station_id","year","month");--> statement-breakpoint
CREATE INDEX "station_staff_account_idx" ON "station_staff" USING btree ("region_code","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deputies_public_code_uq" ON "deputies" USING btree ("region_code","public_code");--> statement-breakpoint
CREATE INDEX "deputies_phone_idx" ON "deputies" USING btree ("region_code","phone_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "stations_public_code_uq" ON "stations" USING btree ("region_code","public_code");