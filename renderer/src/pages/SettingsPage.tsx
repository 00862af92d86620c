import { AboutPanel } from '../components/AboutPanel';
import { AccountForm } from '../components/AccountForm';
import { DiscoverySettingsPanel } from '../components/discovery-settings/DiscoverySettingsPanel';
import { DlnaSettingsPanel } from '../components/dlna-settings/DlnaSettingsPanel';
import { MediaFolders } from '../components/MediaFolders';
import { PlaybackSettingsPanel } from '../components/playback-settings/PlaybackSettingsPanel';
import { TorrentSettingsPanel } from '../components/torrent-settings/TorrentSettingsPanel';
import { useSession } from '../store/session';

export function SettingsPage() {
  const isAdmin = useSession((s) => s.user?.isAdmin ?? false);
  return (
    <>
      <h1 className="page-title">Settings</h1>
      <div className="settings">
        <MediaFolders />
        {/* the settings API is for administrators only */}
        {isAdmin && <TorrentSettingsPanel />}
        {isAdmin && <DiscoverySettingsPanel />}
        {isAdmin && <PlaybackSettingsPanel />}
        {isAdmin && <DlnaSettingsPanel />}
        <AccountForm />
        <AboutPanel />
      </div>
    </>
  );
}
