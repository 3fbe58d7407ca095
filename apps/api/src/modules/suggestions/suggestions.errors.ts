import { domainErrors } from '../../kernel/errors';

/** Chinese texts live in packages/contracts/src/errors.ts under the same codes. */
export const suggestionErrors = domainErrors('suggestions', {
  not_found: 404,
  not_a_deputy: 403,
  not_your_suggestion: 403,
  already_signed: 409,
  no_mandate: 400,
  unknown_department: 400,
  not_your_department: 403,
  not_joint_unit: 403,
  return_window_passed: 409,
  unknown_category: 400,
  promise_required: 400,
  opinion_not_found: 404,
  already_converted: 409,
  session_overlap: 409,
  group_invalid: 400,
  group_not_registered: 409,
  report_year_invalid: 400,
  file_type: 415,
  file_too_large: 413,
  too_many_files: 400,
  attachment_not_found: 404,
  attachments_locked: 409,
});
