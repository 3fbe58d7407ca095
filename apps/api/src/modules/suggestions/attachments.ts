import { and, asc, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import {
  type CleanPhoto,
  cleanImageOrPdf,
  decodeUpload,
  type PhotoErrors,
  readUpload,
  removeUnreferencedUploads,
  storeUpload,
} from '../../kernel/files/photos';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { assertCanSee, type CaseRow, type SuggestionRow, type Viewer, viewerOf } from './access';
import { suggestionErrors } from './suggestions.errors';
import { withSuggestion } from './suggestions.repository';
import { suggestionAttachments } from './suggestions.schema';
import { attachmentBytes } from './suggestions.settings';

/** Photos and PDF documents of one suggestion (材料、照片、调研报告 …). */
export const MAX_SUGGESTION_FILES = 9;
const FOLDER = 'suggestions';
/** Attachments change only before staff register the suggestion: while drafting or awaiting review. */
const EDITABLE_STATES = ['draft', 'submitted'];

const errors: PhotoErrors = {
  type: () => suggestionErrors.file_type(),
  tooLarge: (maxBytes) => suggestionErrors.file_too_large({ maxBytes }),
};

export interface AttachmentView {
  id: string;
  mime: string;
  bytes: number;
  createdAt: string;
}

/** The lead deputy, while the suggestion is a draft or awaits registration. */
export const attachmentsEditable = (v: Viewer, c: CaseRow, s: SuggestionRow) =>
  !!v.deputyId && v.deputyId === s.deputyId && EDITABLE_STATES.includes(c.state);

export async function attachmentsOf(exec: Executor, regionCode: string, caseId: string) {
  const rows = await exec
    .select({
      id: suggestionAttachments.id,
      mime: suggestionAttachments.mime,
      bytes: suggestionAttachments.bytes,
      createdAt: suggestionAttachments.createdAt,
    })
    .from(suggestionAttachments)
    .where(and(eq(suggestionAttachments.regionCode, regionCode), eq(suggestionAttachments.caseId, caseId)))
    .orderBy(asc(suggestionAttachments.id));
  return rows.map((r): AttachmentView => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** Files under the data folder that no attachment row references any more (shared by content hash). */
function dropUnreferenced(ctx: AppContext, regionCode: string, paths: string[]) {
  return removeUnreferencedUploads(ctx.config.dataDir, paths, async (unique) => {
    const held = await ctx.database.db
      .select({ p: suggestionAttachments.storagePath })
      .from(suggestionAttachments)
      .where(
        and(
          eq(suggestionAttachments.regionCode, regionCode),
          inArray(suggestionAttachments.storagePath, unique),
        ),
      );
    return held.map((h) => h.p);
  });
}

/** Visible (else not_found) and editable by this actor (else the lead-deputy or locked error). */
async function assertEditable(tx: Tx, actor: Actor, c: CaseRow, s: SuggestionRow) {
  const v = await viewerOf(tx, actor);
  await assertCanSee(tx, v, c);
  if (v.deputyId !== s.deputyId) throw suggestionErrors.not_your_suggestion();
  if (!attachmentsEditable(v, c, s)) throw suggestionErrors.attachments_locked();
}

/**
 * Adds photos or PDFs (base64 or data URLs). Every file is sniffed and cleaned before anything is
 * written: one bad file refuses them all, and nothing is stored. At most `MAX_SUGGESTION_FILES`.
 */
export async function addAttachments(ctx: AppContext, actor: Actor, id: string, raw: string[]) {
  const { db } = ctx.database;
  if (raw.length > MAX_SUGGESTION_FILES) throw suggestionErrors.too_many_files({ max: MAX_SUGGESTION_FILES });
  // Check the actor before reading the files, so a stranger learns nothing from the errors.
  const path = await withSuggestion(ctx, actor, id, async (tx, c, s) => {
    await assertEditable(tx, actor, c, s);
    return c.jurisdictionPath;
  });
  const maxBytes = await resolveSetting(db, actor.regionCode, path, attachmentBytes);
  const clean: CleanPhoto[] = raw.map((f) => cleanImageOrPdf(decodeUpload(f), maxBytes, errors));
  const paths = await Promise.all(
    clean.map((f) => storeUpload(ctx.config.dataDir, FOLDER, actor.regionCode, f)),
  );
  const now = ctx.clock.now();
  try {
    await withSuggestion(ctx, actor, id, async (tx, c, s) => {
      await assertEditable(tx, actor, c, s);
      const have = (await attachmentsOf(tx, c.regionCode, c.id)).length;
      if (have + clean.length > MAX_SUGGESTION_FILES)
        throw suggestionErrors.too_many_files({ max: MAX_SUGGESTION_FILES, have });
      await tx.insert(suggestionAttachments).values(
        clean.map((f, i) => ({
          regionCode: c.regionCode,
          id: uuidv7(now.getTime() + i),
          caseId: c.id,
          mime: f.mime,
          bytes: f.data.length,
          sha256: f.sha256,
          storagePath: paths[i]!,
          uploadedBy: actor.accountId,
          createdAt: now,
        })),
      );
      await appendAudit(tx, actor, now, {
        action: 'suggestions.attachments_added',
        targetType: 'case',
        targetId: c.id,
        jurisdictionCode: c.jurisdictionCode,
        details: { count: clean.length, sha256: clean.map((f) => f.sha256) },
      });
    });
  } catch (e) {
    await dropUnreferenced(ctx, actor.regionCode, paths);
    throw e;
  }
  return { attachments: await attachmentsOf(db, actor.regionCode, id) };
}

/** Removes one attachment (audited); its file goes once no other row holds the same content. */
export async function removeAttachment(ctx: AppContext, actor: Actor, id: string, attachmentId: string) {
  const gone = await withSuggestion(ctx, actor, id, async (tx, c, s) => {
    await assertEditable(tx, actor, c, s);
    const [a] = await tx
      .delete(suggestionAttachments)
      .where(
        and(
          eq(suggestionAttachments.regionCode, c.regionCode),
          eq(suggestionAttachments.caseId, c.id),
          eq(suggestionAttachments.id, attachmentId),
        ),
      )
      .returning();
    if (!a) throw suggestionErrors.attachment_not_found();
    await appendAudit(tx, actor, ctx.clock.now(), {
      action: 'suggestions.attachment_removed',
      targetType: 'case',
      targetId: c.id,
      jurisdictionCode: c.jurisdictionCode,
      details: { attachmentId, sha256: a.sha256 },
    });
    return a;
  });
  await dropUnreferenced(ctx, actor.regionCode, [gone.storagePath]);
  return { attachments: await attachmentsOf(ctx.database.db, actor.regionCode, id) };
}

/**
 * The bytes of one attachment, for whoever may see the suggestion (its deputies, congress staff of
 * its jurisdiction once submitted, the units it is assigned to); anyone else gets not_found.
 */
export async function attachmentFile(ctx: AppContext, actor: Actor, id: string, attachmentId: string) {
  const { db } = ctx.database;
  const [c] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.regionCode, actor.regionCode), eq(cases.id, id), eq(cases.caseType, 'suggestions')));
  if (!c) throw suggestionErrors.not_found();
  await assertCanSee(db, await viewerOf(db, actor), c);
  const [a] = await db
    .select()
    .from(suggestionAttachments)
    .where(
      and(
        eq(suggestionAttachments.regionCode, c.regionCode),
        eq(suggestionAttachments.caseId, c.id),
        eq(suggestionAttachments.id, attachmentId),
      ),
    );
  const data = a ? await readUpload(ctx.config.dataDir, a.storagePath) : null;
  if (!a || !data) throw suggestionErrors.attachment_not_found();
  return { mime: a.mime, data };
}
