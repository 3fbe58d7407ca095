CREATE TABLE "opinion_submissions" (
	"region_code" text NOT NULL,
	"id" uuid NOT NULL,
	"tracking_no" text NOT NULL,
	"account_id" uuid NOT NULL,
	"idempotency_key" text,
	"payload_enc" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"filed_at" timestamp with time zone,
	CONSTRAINT "opinion_submissions_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
DROP INDEX "opinions_external_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_submissions_tracking_uq" ON "opinion_submissions" USING btree ("region_code","tracking_no");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_submissions_idem_uq" ON "opinion_submissions" USING btree ("region_code","idempotency_key") WHERE "opinion_submissions"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "opinion_submissions_pending_idx" ON "opinion_submissions" USING btree ("region_code","submitted_at") WHERE "opinion_submissions"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "opinion_submissions_account_idx" ON "opinion_submissions" USING btree ("region_code","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opinions_hotline_ticket_uq" ON "opinions" USING btree ("region_code","external_ticket_no") WHERE "opinions"."channel" = 'hotline' and "opinions"."external_ticket_no" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "opinions_client_ticket_uq" ON "opinions" USING btree ("region_code","api_client_id","external_ticket_no") WHERE "opinions"."channel" = 'open311' and "opinions"."external_ticket_no" is not null;