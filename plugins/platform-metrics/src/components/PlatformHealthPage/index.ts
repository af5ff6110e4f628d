export { PlatformHealthPage, PlatformHealthContent } from './PlatformHealthPage';
