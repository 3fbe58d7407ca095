CREATE TABLE "activity_photos" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_path" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_photos_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE INDEX "activity_photos_activity_idx" ON "activity_photos" USING btree ("region_code","activity_id");--> statement-breakpoint
CREATE INDEX "activity_photos_path_idx" ON "activity_photos" USING btree ("region_code","storage_path");