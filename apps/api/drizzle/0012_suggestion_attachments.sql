CREATE TABLE "suggestion_attachments" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_path" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestion_attachments_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE INDEX "suggestion_attachments_case_idx" ON "suggestion_attachments" USING btree ("region_code","case_id");--> statement-breakpoint
CREATE INDEX "suggestion_attachments_path_idx" ON "suggestion_attachments" USING btree ("region_code","storage_path");