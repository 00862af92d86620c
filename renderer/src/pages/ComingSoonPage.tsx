import { EmptyState } from '../components/EmptyState';

const SECTIONS = {
  cameras: {
    title: 'Cameras',
    icon: '◉',
    what: 'Cameras will record your IP cameras continuously and on alarm, show live views and recordings, and restream them to other devices.',
  },
  journal: {
    title: 'Journal',
    icon: '☰',
    what: 'Journal will keep a history of what Racoon did and told you: finished downloads, camera alarms, and notifications sent by Telegram, e-mail and SMS.',
  },
} as const;

export function ComingSoonPage({ section }: { section: keyof typeof SECTIONS }) {
  const s = SECTIONS[section];
  return (
    <>
      <h1 className="page-title">{s.title}</h1>
      <EmptyState title={`${s.title} is not available yet`} icon={s.icon} testId={`coming-soon-${section}`}>
        <p>{s.what}</p>
        <p className="muted">This section is not available in this version of Racoon. It arrives in a later update.</p>
      </EmptyState>
    </>
  );
}
