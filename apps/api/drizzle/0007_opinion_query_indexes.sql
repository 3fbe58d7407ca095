-- Indexes measured on 1,000,000 cases (docs/PERFORMANCE.md). INCLUDE columns cannot be expressed in
-- the Drizzle schema, so these live in this custom migration; the schema files point here.
-- Lists across phases, newest first; INCLUDE makes the bounded counts index-only.
CREATE INDEX IF NOT EXISTS "cases_type_opened_idx" ON "cases" ("region_code","case_type","opened_at") INCLUDE ("id","jurisdiction_path");--> statement-breakpoint
-- Replaces the plain cases_type_phase_idx: same keys plus what the path filter and the join need.
DROP INDEX IF EXISTS "cases_type_phase_idx";--> statement-breakpoint
CREATE INDEX "cases_type_phase_idx" ON "cases" ("region_code","case_type","phase","opened_at") INCLUDE ("id","jurisdiction_path");--> statement-breakpoint
-- A unit's live assignments: the department inbox is one semi-join (access.ts ofDepartment).
CREATE INDEX IF NOT EXISTS "opinion_assignments_live_dept_idx" ON "opinion_assignments" ("region_code","department_id","case_id") WHERE "status" IN ('assigned','signed','done');--> statement-breakpoint
-- Category prefix filters (LIKE 'CJ02%') under a non-C collation, with the date range (created_at
-- equals the case's opened_at) and the join key, so "category + this year" counts from the index.
CREATE INDEX IF NOT EXISTS "opinions_category_prefix_idx" ON "opinions" ("region_code","category_code" text_pattern_ops,"created_at") INCLUDE ("case_id");--> statement-breakpoint
-- Opinion-side conditions of the counts become index-only probes.
CREATE INDEX IF NOT EXISTS "opinions_case_cover_idx" ON "opinions" ("region_code","case_id") INCLUDE ("category_code","reply_due_at","department_id","deputy_id");--> statement-breakpoint
-- The supervision boards: open reply deadlines only (reply_due_at is cleared when handling ends).
CREATE INDEX IF NOT EXISTS "opinions_open_due_idx" ON "opinions" ("region_code","reply_due_at") WHERE "reply_due_at" IS NOT NULL;--> statement-breakpoint
-- A unit's overdue board (the lead unit's open deadlines).
CREATE INDEX IF NOT EXISTS "opinions_dept_open_due_idx" ON "opinions" ("region_code","department_id","reply_due_at") WHERE "reply_due_at" IS NOT NULL;
