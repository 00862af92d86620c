// A row of a settings list of saved things (renderers, cameras): its name line with badges, what else it says, and its
// buttons at the end. The one open in the editor is marked.
import type { ReactNode } from 'react';

export function SavedRow(props: {
  /** the list's own row class, after rp-row */
  className: string;
  testId: string;
  /** data-* attributes that tell rows apart in tests (data-id, data-name) */
  data: Record<`data-${string}`, string | number>;
  editing: boolean;
  /** the name line: the name, then its badges */
  name: ReactNode;
  /** the lines under the name */
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <li
      className={props.editing ? `rp-row ${props.className} editing` : `rp-row ${props.className}`}
      data-testid={props.testId}
      {...props.data}
    >
      <div className="rp-row-main">
        <span className="rp-row-name">{props.name}</span>
        {props.children}
      </div>
      {props.actions}
    </li>
  );
}
