import './mediation.case';

export { mediationRoutes } from './mediation.routes';
export { registerMediationSubscribers } from './mediation.subscribers';
