CREATE TABLE "opinion_assignments" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"role" text NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"reason" text,
	"suggested_department_id" uuid,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone NOT NULL,
	"signed_at" timestamp with time zone,
	"signed_by" uuid,
	"returned_at" timestamp with time zone,
	"return_reason" text,
	CONSTRAINT "opinion_assignments_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "opinion_attachments" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_path" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinion_attachments_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "opinion_categories" (
	"region_code" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"code" text NOT NULL,
	"parent_code" text,
	"name" text NOT NULL,
	"level" integer NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"complexity" text DEFAULT 'simple' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinion_categories_region_code_jurisdiction_code_code_pk" PRIMARY KEY("region_code","jurisdiction_code","code")
);
--> statement-breakpoint
CREATE TABLE "opinion_extensions" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"days" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "opinion_extensions_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "opinion_ratings" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"rating" text,
	"comment" text,
	"auto" boolean DEFAULT false NOT NULL,
	"rated_by" uuid,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "opinion_ratings_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "opinion_replies" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"department_id" uuid,
	"body" text NOT NULL,
	"outcome" text NOT NULL,
	"replied_by" uuid,
	"replied_at" timestamp with time zone NOT NULL,
	CONSTRAINT "opinion_replies_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "opinion_routing_rules" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"category_code" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinion_routing_rules_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "opinions" (
	"region_code" text NOT NULL,
	"case_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"category_code" text,
	"description" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"address_enc" text,
	"address_masked" text,
	"township_code" text,
	"community_code" text,
	"grid_code" text,
	"deputy_id" uuid,
	"station_id" uuid,
	"observer_id" uuid,
	"citizen_account_id" uuid,
	"submitted_by" uuid,
	"contact_name_enc" text,
	"contact_name_masked" text,
	"contact_phone_enc" text,
	"contact_phone_hash" text,
	"contact_phone_masked" text,
	"allow_disclosure" boolean DEFAULT false NOT NULL,
	"disclosure_withheld_reason" text,
	"idempotency_key" text,
	"follow_secret_hash" text NOT NULL,
	"external_ticket_no" text,
	"merged_into" uuid,
	"department_id" uuid,
	"return_count" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"supervision_level" integer DEFAULT 0 NOT NULL,
	"reply_due_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinions_region_code_case_id_pk" PRIMARY KEY("region_code","case_id")
);
--> statement-breakpoint
CREATE INDEX "opinion_assignments_case_idx" ON "opinion_assignments" USING btree ("region_code","case_id");--> statement-breakpoint
CREATE INDEX "opinion_assignments_dept_idx" ON "opinion_assignments" USING btree ("region_code","department_id","status");--> statement-breakpoint
CREATE INDEX "opinion_attachments_case_idx" ON "opinion_attachments" USING btree ("region_code","case_id");--> statement-breakpoint
CREATE INDEX "opinion_extensions_case_idx" ON "opinion_extensions" USING btree ("region_code","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_ratings_round_uq" ON "opinion_ratings" USING btree ("region_code","case_id","round");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_replies_round_uq" ON "opinion_replies" USING btree ("region_code","case_id","round");--> statement-breakpoint
CREATE INDEX "opinion_routing_lookup_idx" ON "opinion_routing_rules" USING btree ("region_code","category_code","jurisdiction_code");--> statement-breakpoint
CREATE UNIQUE INDEX "opinions_idem_uq" ON "opinions" USING btree ("region_code","idempotency_key") WHERE "opinions"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "opinions_external_uq" ON "opinions" USING btree ("region_code","channel","external_ticket_no") WHERE "opinions"."external_ticket_no" is not null;--> statement-breakpoint
CREATE INDEX "opinions_citizen_idx" ON "opinions" USING btree ("region_code","citizen_account_id");--> statement-breakpoint
CREATE INDEX "opinions_phone_idx" ON "opinions" USING btree ("region_code","contact_phone_hash");--> statement-breakpoint
CREATE INDEX "opinions_department_idx" ON "opinions" USING btree ("region_code","department_id");--> statement-breakpoint
CREATE INDEX "opinions_deputy_idx" ON "opinions" USING btree ("region_code","deputy_id");--> statement-breakpoint
CREATE INDEX "opinions_station_idx" ON "opinions" USING btree ("region_code","station_id");--> statement-breakpoint
CREATE INDEX "opinions_category_idx" ON "opinions" USING btree ("region_code","category_code");--> statement-breakpoint
CREATE INDEX "opinions_due_idx" ON "opinions" USING btree ("region_code","reply_due_at");