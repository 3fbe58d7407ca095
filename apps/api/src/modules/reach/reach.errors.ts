import { domainErrors } from '../../kernel/errors';

/** Chinese texts live in packages/contracts/src/errors.ts under the same codes. */
export const reachErrors = domainErrors('reach', {
  deputy_not_found: 404,
  station_not_found: 404,
  area_not_found: 404,
  township_not_found: 404,
  too_many_cards: 400,
});
