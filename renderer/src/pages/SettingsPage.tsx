import { useEffect } from 'react';
import { AboutPanel } from '../components/AboutPanel';
import { AccountForm } from '../components/AccountForm';
import { CameraSettingsPanel } from '../components/camera-settings/CameraSettingsPanel';
import { DiscoverySettingsPanel } from '../components/discovery-settings/DiscoverySettingsPanel';
import { DlnaSettingsPanel } from '../components/dlna-settings/DlnaSettingsPanel';
import { MediaFolders } from '../components/MediaFolders';
import { PlaybackSettingsPanel } from '../components/playback-settings/PlaybackSettingsPanel';
import { TorrentSettingsPanel } from '../components/torrent-settings/TorrentSettingsPanel';
import { useSession } from '../store/session';

/** `focus`: the id of a section to scroll to (e.g. /settings/cameras opens at the cameras). */
export function SettingsPage({ focus }: { focus?: string } = {}) {
  const isAdmin = useSession((s) => s.user?.isAdmin ?? false);
  useEffect(() => {
    if (focus && isAdmin) document.getElementById(focus)?.scrollIntoView({ block: 'start' });
  }, [focus, isAdmin]);
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
        {isAdmin && <CameraSettingsPanel />}
        <AccountForm />
        <AboutPanel />
      </div>
    </>
  );
}
