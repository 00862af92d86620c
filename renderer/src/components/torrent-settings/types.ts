import type { NumberField, TorrentForm } from '../../torrent-settings-form';

/** What every section of the panel gets: the form, the fields the last validation flagged, and the patcher. */
export interface SectionProps {
  form: TorrentForm;
  bad: ReadonlySet<NumberField>;
  onChange: (patch: Partial<TorrentForm>) => void;
}

export interface FieldProps extends SectionProps {
  field: NumberField;
  testId: string;
}
