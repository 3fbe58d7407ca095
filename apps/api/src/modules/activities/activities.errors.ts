import { domainErrors } from '../../kernel/errors';

/** Chinese texts live in packages/contracts/src/errors.ts under the same codes. */
export const activityErrors = domainErrors('activities', {
  not_found: 404,
  unknown_kind: 400,
  unknown_deputy: 400,
  unknown_station: 400,
  not_a_deputy: 403,
  not_pending: 409,
  no_congress: 400,
  rule_year_started: 409,
  rule_year_taken: 409,
  report_not_found: 404,
  report_closed: 409,
  already_rated: 409,
  photo_type: 415,
  photo_too_large: 413,
  too_many_photos: 400,
  photo_not_found: 404,
  photos_locked: 409,
});
