export {
  PlatformHealthPage,
  PlatformHealthContent,
} from './PlatformHealthPage';
export { PlatformHealthRoutes } from './PlatformHealthRoutes';
