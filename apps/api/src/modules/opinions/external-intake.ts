import { phonePattern } from '@lianxin/contracts';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { ApiClient } from '../integrations/api-keys';
import { citizenForPhone, type IntakeInput, type IntakeResult, intake } from './intake.usecases';

export interface ExternalIntakeInput
  extends Pick<
    IntakeInput,
    'title' | 'description' | 'categoryCode' | 'lat' | 'lng' | 'address' | 'areaCode'
  > {
  contactName?: string | null;
  /** A contact number; a mainland mobile also links the case to the citizen's account, as for walk-ins. */
  contactPhone?: string | null;
  /** The client's own ticket number: a retry with the same number returns the first case. */
  externalTicketNo?: string | null;
}

const channelLabel = { open311: '开放接口', hotline: '12345热线' } as const;

/**
 * A case filed by a machine client (an Open311 client, the 12345 hotline) through the same intake
 * as every other channel: channel = the client's kind, `api_client_id` set, the location must lie
 * within the client's jurisdiction subtree, a contact phone becomes (or finds) a citizen account.
 * The acting identity is the client itself (a system actor named after it), which the history and
 * the audit chain record. Cases from machines are never published unless staff decide so later:
 * disclosure consent cannot be given on the citizen's behalf by a third-party client.
 */
export async function fileExternalOpinion(
  ctx: AppContext,
  client: ApiClient,
  input: ExternalIntakeInput,
): Promise<IntakeResult> {
  const actor: Actor = {
    kind: 'system',
    accountId: null,
    regionCode: client.regionCode,
    label: `${channelLabel[client.kind]}：${client.name}`,
    grants: [],
  };
  const phone = input.contactPhone ?? null;
  const citizenAccountId =
    phone && phonePattern.test(phone)
      ? await ctx.database.db.transaction((tx) => citizenForPhone(tx, ctx, client.regionCode, phone))
      : null;
  const ticket = input.externalTicketNo ?? null;
  return intake(
    ctx,
    actor,
    {
      title: input.title,
      description: input.description,
      categoryCode: input.categoryCode ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      address: input.address ?? null,
      areaCode: input.areaCode ?? null,
      contactName: input.contactName ?? null,
      allowDisclosure: false,
      // Namespaced by client: another client's ticket number never replays this client's case.
      idempotencyKey: ticket ? `${client.kind}:${client.id}:${ticket}` : null,
      photos: [],
    },
    {
      channel: client.kind,
      citizenAccountId,
      contactPhone: phone,
      apiClientId: client.id,
      externalTicketNo: ticket,
      withinPath: client.jurisdictionPath,
    },
  );
}
