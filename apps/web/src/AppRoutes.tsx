import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { HomePage } from './modules/portal/HomePage';
import { MePage } from './modules/portal/MePage';
import { NotFoundPage } from './modules/portal/NotFoundPage';
import { PortalLayout } from './modules/portal/PortalLayout';
import { StationsPage } from './modules/portal/StationsPage';
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
