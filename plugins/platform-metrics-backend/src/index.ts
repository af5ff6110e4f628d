export { platformMetricsPlugin as default } from './plugin';
