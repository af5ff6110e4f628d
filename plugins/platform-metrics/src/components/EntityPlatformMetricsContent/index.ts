export { EntityPlatformMetricsContent, isScopeKind } from './EntityPlatformMetricsContent';
