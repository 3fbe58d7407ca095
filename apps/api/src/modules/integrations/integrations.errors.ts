import { domainErrors } from '../../kernel/errors';

/** Chinese texts live in packages/contracts/src/errors.ts under the same codes. */
export const integrationErrors = domainErrors('integrations', {
  not_found: 404,
  unknown_jurisdiction: 400,
  already_revoked: 409,
});
