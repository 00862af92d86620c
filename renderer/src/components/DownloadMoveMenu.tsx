import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { QueueMove } from '../api/client';

const MOVES: { to: QueueMove; label: string; icon: string }[] = [
  { to: 'top', label: 'Move to top', icon: '⤒' },
  { to: 'up', label: 'Move up', icon: '↑' },
  { to: 'down', label: 'Move down', icon: '↓' },
  { to: 'bottom', label: 'Move to bottom', icon: '⤓' },
];

interface Props {
  name: string;
  disabled?: boolean;
  /** icon only (list rows) */
  compact?: boolean;
  onMove(to: QueueMove): void;
}

/** The queue-order menu (qBittorrent's "Queue" submenu): top / up / down / bottom. */
export function DownloadMoveMenu({ name, disabled, compact, onMove }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  function onMenuKey(e: ReactKeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  }

  return (
    <div className="menu-wrap" ref={root}>
      <button
        ref={button}
        type="button"
        className={`btn ${compact ? 'icon-btn' : ''}`}
        data-testid="download-move"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Queue position of ${name}`}
        title="Move in the queue"
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        ⇅{!compact && ' Queue'}
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Move in the queue" onKeyDown={onMenuKey}>
          {MOVES.map((m) => (
            <button
              key={m.to}
              type="button"
              role="menuitem"
              className="menu-item"
              data-testid={`download-move-${m.to}`}
              onClick={() => {
                setOpen(false);
                onMove(m.to);
              }}
            >
              <span className="menu-icon" aria-hidden="true">
                {m.icon}
              </span>
              {m.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
