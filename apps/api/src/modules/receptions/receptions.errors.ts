import { domainErrors } from '../../kernel/errors';

/** Chinese texts live in packages/contracts/src/errors.ts under the same codes. */
export const receptionErrors = domainErrors('receptions', {
  station_not_found: 404,
  rule_not_found: 404,
  invalid_rule: 400,
  rule_in_use: 409,
  unknown_deputy: 400,
  range_too_long: 400,
  not_a_reception_day: 404,
  day_cancelled: 409,
  slot_not_found: 404,
  slot_full: 409,
  outside_window: 409,
  already_booked: 409,
  booking_not_found: 404,
  not_cancellable: 409,
  code_invalid: 404,
  not_checkable: 409,
});
