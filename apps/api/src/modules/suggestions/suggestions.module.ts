import './suggestions.case';
import './suggestions.settings';

export { suggestionsRoutes } from './suggestions.routes';
export { registerSuggestionSubscribers } from './suggestions.subscribers';
