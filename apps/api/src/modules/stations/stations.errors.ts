import { domainErrors } from '../../kernel/errors';

/** Codes and statuses; the Chinese texts live in packages/contracts/src/errors.ts. */
export const stationErrors = domainErrors('stations', {
  not_found: 404,
  invalid_jurisdiction: 400,
  invalid_coordinates: 400,
  deputy_not_eligible: 400,
  staff_not_eligible: 400,
  unknown_checklist_item: 400,
  future_date: 400,
  not_own_station: 403,
});
