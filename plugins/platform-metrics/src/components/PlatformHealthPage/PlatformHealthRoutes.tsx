import { Route, Routes } from 'react-router-dom';
import { reviewRouteRef } from '../../routes';
import { QuarterReviewPage } from '../QuarterReview';
import { PlatformHealthPage } from './PlatformHealthPage';

/**
 * What the Platform health page's route renders, in both frontend systems:
 * the page itself, and its sub-page the Quarter in review at `review`
 * ({@link reviewRouteRef}).
 */
export function PlatformHealthRoutes() {
  return (
    <Routes>
      <Route path={reviewRouteRef.path} element={<QuarterReviewPage />} />
      <Route path="*" element={<PlatformHealthPage />} />
    </Routes>
  );
}
