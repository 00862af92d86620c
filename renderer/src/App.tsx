import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppShell } from './components/AppShell';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { CameraPage } from './pages/CameraPage';
import { CamerasPage } from './pages/CamerasPage';
import { DownloadDetailPage } from './pages/DownloadDetailPage';
import { DownloadsPage } from './pages/DownloadsPage';
import { ItemPage } from './pages/ItemPage';
import { JobsPage } from './pages/JobsPage';
import { LibraryPage } from './pages/LibraryPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { DownloadPlayerPage } from './pages/DownloadPlayerPage';
import { PlayerPage } from './pages/PlayerPage';
import { SearchPage } from './pages/SearchPage';
import { SettingsPage } from './pages/SettingsPage';
import { SignInPage } from './pages/SignInPage';
import { TitlePage } from './pages/TitlePage';

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
          <Route path="/cameras" element={<CamerasPage />} />
          <Route path="/cameras/:cameraId" element={<CameraPage />} />
          <Route path="/journal" element={<ComingSoonPage section="journal" />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/settings/cameras" element={<SettingsPage focus="camera-settings" />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </HashRouter>
  );
}
