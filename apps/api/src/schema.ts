// The one schema: every table of every module, for Drizzle and drizzle-kit. Register new module
// schemas here (one line each).
export * from './kernel/db/kernel.schema';
export * from './modules/accounts/accounts.schema';
export * from './modules/activities/activities.schema';
export * from './modules/congresses/congresses.schema';
export * from './modules/deputies/deputies.schema';
export * from './modules/integrations/integrations.schema';
export * from './modules/jurisdictions/jurisdictions.schema';
export * from './modules/mediation/mediation.schema';
export * from './modules/opinions/opinions.schema';
export * from './modules/receptions/receptions.schema';
export * from './modules/stations/stations.schema';
export * from './modules/suggestions/suggestions.schema';
