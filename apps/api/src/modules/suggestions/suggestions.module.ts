import './suggestions.case';
import './suggestions.settings';

export { suggestionsRoutes } from './suggestions.routes';

import type { AppContext } from '../../kernel/context';
import { registerPilSubscribers } from './pil.subscribers';
import { registerSuggestionSubscribers as registerNotices } from './suggestions.subscribers';

export function registerSuggestionSubscribers(ctx: AppContext): void {
  registerNotices(ctx);
  registerPilSubscribers(ctx);
}
