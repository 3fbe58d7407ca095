import { domainErrors } from '../../kernel/errors';

/** Chinese texts live in packages/contracts/src/errors.ts under the same codes. */
export const mediationErrors = domainErrors('mediation', {
  not_found: 404,
  station_not_found: 400,
  opinion_not_found: 404,
  deputy_not_found: 400,
  title_has_personal_data: 400,
  agreement_required: 400,
  day_in_future: 400,
});
