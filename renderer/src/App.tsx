import { lazy, Suspense, type ReactNode } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppShell } from './components/AppShell';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { DownloadDetailPage } from './pages/DownloadDetailPage';
import { DownloadsPage } from './pages/DownloadsPage';
import { ItemPage } from './pages/ItemPage';
import { JobsPage } from './pages/JobsPage';
import { LibraryPage } from './pages/LibraryPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { DownloadPlayerPage } from './pages/DownloadPlayerPage';
import { PlayerPage } from './pages/PlayerPage';
import { SearchPage } from './pages/SearchPage';
import { SignInPage } from './pages/SignInPage';
import { TitlePage } from './pages/TitlePage';

// the camera pages (timeline, players) and the settings (every editor) load on first visit: most sessions never open them
const CameraPage = lazy(() => import('./pages/CameraPage').then((m) => ({ default: m.CameraPage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const CamerasPage = lazy(() => import('./pages/CamerasPage').then((m) => ({ default: m.CamerasPage })));
const loading = (page: ReactNode) => <Suspense fallback={<p className="muted">Loading…</p>}>{page}</Suspense>;

// HashRouter: works whatever serves index.html (engine, vite preview, Electron) with no server rewrites.
export function App() {
  return (
    <HashRouter>
      <Routes>
        <Route path="/signin" element={<SignInPage />} />
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/library" replace />} />
          <Route path="/library" element={<LibraryPage />} />
          <Route path="/library/:itemId" element={<ItemPage />} />
          <Route path="/play/:fileId" element={<PlayerPage />} />
          <Route path="/play/download/:downloadId/:index" element={<DownloadPlayerPage />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/search/title/:provider/:kind/:id" element={<TitlePage />} />
          <Route path="/downloads" element={<DownloadsPage />} />
          <Route path="/downloads/:downloadId" element={<DownloadDetailPage />} />
          <Route path="/jobs" element={<JobsPage />} />
          <Route path="/cameras" element={loading(<CamerasPage />)} />
          <Route path="/cameras/:cameraId" element={loading(<CameraPage />)} />
          <Route path="/journal" element={<ComingSoonPage section="journal" />} />
          <Route path="/settings" element={loading(<SettingsPage />)} />
          <Route path="/settings/cameras" element={loading(<SettingsPage focus="camera-settings" />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </HashRouter>
  );
}
