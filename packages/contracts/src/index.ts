export * from './auth';
export * from './errors';
export * from './jurisdictions';
export * from './patterns';
