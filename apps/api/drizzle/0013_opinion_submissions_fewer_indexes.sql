DROP INDEX "opinion_submissions_tracking_uq";--> statement-breakpoint
DROP INDEX "opinion_submissions_pending_idx";--> statement-breakpoint
DROP INDEX "opinion_submissions_account_idx";--> statement-breakpoint
CREATE INDEX "opinion_submissions_unfiled_idx" ON "opinion_submissions" USING btree ("region_code","submitted_at") WHERE "opinion_submissions"."status" in ('pending', 'failed');