import type { ReactNode } from 'react';

export function Section(props: { title: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset className="ts-section">
      <legend className="ts-legend">{props.title}</legend>
      {props.hint && <p className="muted small ts-hint">{props.hint}</p>}
      {props.children}
    </fieldset>
  );
}
