import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { PublicLogPage } from './modules/activities/PublicLogPage';
import { VoterReportPage } from './modules/activities/VoterReportPage';
import { DisclosuresPage } from './modules/opinions/DisclosuresPage';
import { FollowPage } from './modules/opinions/FollowPage';
import { MyOpinionsPage } from './modules/opinions/MyOpinionsPage';
import { ReportPage } from './modules/opinions/ReportPage';
import { HomePage } from './modules/portal/HomePage';
import { MePage } from './modules/portal/MePage';
import { NotFoundPage } from './modules/portal/NotFoundPage';
import { PortalLayout } from './modules/portal/PortalLayout';
import { StationsPage } from './modules/portal/StationsPage';
import { DeputyPage } from './modules/reach/DeputyPage';
import { FindPage } from './modules/reach/FindPage';
import { StationPage } from './modules/reach/StationPage';
import { BookingPage } from './modules/receptions/BookingPage';
import { MyBookingsPage } from './modules/receptions/MyBookingsPage';
import { PublicSuggestionsPage } from './modules/suggestions/PublicSuggestionsPage';
import { FullPageSpin } from './shared/FullPageSpin';

// The staff console is a separate chunk so that citizens on phones never download it.
const ConsoleApp = lazy(() => import('./modules/console/ConsoleApp'));

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/console/*"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <ConsoleApp />
          </Suspense>
        }
      />
      <Route element={<PortalLayout />}>
        <Route index element={<HomePage />} />
        <Route path="stations" element={<StationsPage />} />
        <Route path="me" element={<MePage />} />
        <Route path="find" element={<FindPage />} />
        <Route path="d/:code" element={<DeputyPage />} />
        <Route path="d/:code/log" element={<PublicLogPage />} />
        <Route path="r/:id" element={<VoterReportPage />} />
        <Route path="s/:code" element={<StationPage />} />
        <Route path="me/bookings" element={<MyBookingsPage />} />
        <Route path="s/:code/book" element={<BookingPage />} />
        <Route path="report" element={<ReportPage />} />
        <Route path="o/:trackingNo" element={<FollowPage />} />
        <Route path="public" element={<DisclosuresPage />} />
        <Route path="me/opinions" element={<MyOpinionsPage />} />
        <Route path="suggestions" element={<PublicSuggestionsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
