CREATE TABLE "procuratorate_recommendations" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"department_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"reference" text NOT NULL,
	"suggestion_id" uuid,
	"converted_at" timestamp with time zone,
	"submitted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procuratorate_recommendations_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "procuratorate_recommendations_ref_uq" ON "procuratorate_recommendations" USING btree ("region_code","jurisdiction_code","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "procuratorate_recommendations_suggestion_uq" ON "procuratorate_recommendations" USING btree ("region_code","suggestion_id") WHERE "procuratorate_recommendations"."suggestion_id" is not null;--> statement-breakpoint
CREATE INDEX "suggestions_pil_idx" ON "suggestions" USING btree ("region_code","pil_status") WHERE "suggestions"."pil_status" <> 'none';