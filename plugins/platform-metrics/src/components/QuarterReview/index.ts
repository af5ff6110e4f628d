export { QuarterReviewPage } from './QuarterReviewPage';
