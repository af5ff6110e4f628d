/**
 * Types, permissions and pure metric functions shared by the platform-metrics
 * frontend and backend plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './refs';
export * from './stats';
export * from './tiers';
export * from './nps';
export * from './permissions';
export * from './schemas';
export * from './defaults';
