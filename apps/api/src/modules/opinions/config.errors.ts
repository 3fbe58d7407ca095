import { domainErrors } from '../../kernel/errors';

/**
 * Errors of the opinions configuration (category tree, routing rules). Kept apart from
 * opinions.errors.ts; the Chinese texts live in packages/contracts/src/errors.ts under the same codes.
 */
export const configErrors = domainErrors('opinions', {
  category_not_found: 404,
  category_code_taken: 409,
  category_code_prefix: 400,
  category_too_deep: 400,
  category_name_taken: 409,
  category_parent_inactive: 409,
  category_order_mismatch: 400,
  category_import_invalid: 400,
  routing_rule_not_found: 404,
  routing_area_invalid: 400,
});
