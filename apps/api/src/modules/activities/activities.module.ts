export { activitiesRoutes } from './activities.routes';
export { registerActivitySubscribers } from './activities.subscribers';
