export { EntityScorecardContent } from './EntityScorecardContent';
