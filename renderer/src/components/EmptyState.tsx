import type { ReactNode } from 'react';

interface Props {
  title: string;
  icon?: string;
  children?: ReactNode;
  testId?: string;
}

export function EmptyState({ title, icon, children, testId }: Props) {
  return (
    <section className="empty" data-testid={testId}>
      {icon && (
        <div className="empty-icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h2>{title}</h2>
      {children}
    </section>
  );
}
