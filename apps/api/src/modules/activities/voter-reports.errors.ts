import { domainErrors } from '../../kernel/errors';

/** Quotas and 述职评议 (Chinese texts in packages/contracts/src/errors.ts under the same codes). */
export const reportErrors = domainErrors('activities', {
  quota_future_month: 400,
  report_not_editable: 409,
  report_not_open: 409,
  report_deputy_not_in_office: 400,
  report_station_out_of_scope: 400,
  rating_not_found: 404,
  not_a_citizen: 403,
});
