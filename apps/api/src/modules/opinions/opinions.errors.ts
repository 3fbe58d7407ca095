import { domainErrors } from '../../kernel/errors';

/** Chinese texts live in packages/contracts/src/errors.ts under the same codes. */
export const opinionErrors = domainErrors('opinions', {
  not_found: 404,
  deputy_not_found: 404,
  station_not_found: 404,
  unknown_category: 400,
  unknown_department: 400,
  outside_region: 400,
  photo_type: 415,
  photo_too_large: 413,
  too_many_photos: 400,
  not_your_department: 403,
  return_window_passed: 409,
  return_cap_reached: 409,
  extension_pending: 409,
  extension_not_found: 404,
  not_a_citizen: 403,
  reason_required: 400,
  follow_link_invalid: 404,
  idempotency_conflict: 409,
  observer_not_found: 404,
});
