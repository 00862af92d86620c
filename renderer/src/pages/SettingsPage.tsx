import { AboutPanel } from '../components/AboutPanel';
import { AccountForm } from '../components/AccountForm';
import { MediaFolders } from '../components/MediaFolders';

export function SettingsPage() {
  return (
    <>
      <h1 className="page-title">Settings</h1>
      <div className="settings">
        <MediaFolders />
        <AccountForm />
        <AboutPanel />
      </div>
    </>
  );
}
