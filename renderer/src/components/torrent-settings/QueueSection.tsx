import { NumberInput } from './NumberInput';
import { Section } from './Section';
import type { SectionProps } from './types';

export function QueueSection({ form, bad, onChange }: SectionProps) {
  return (
    <Section title="Queue">
      <div className="ts-grid">
        <NumberInput
          field="maxActiveDownloads"
          label="Max active downloads"
          testId="torrent-max-active"
          placeholder="no limit"
          hint="More wait in the queue"
          form={form}
          bad={bad}
          onChange={onChange}
        />
        <NumberInput
          field="stallAfterMin"
          label="Stalled after"
          unit="min"
          testId="torrent-stall-after"
          placeholder="never"
          hint="Without any progress"
          form={form}
          bad={bad}
          onChange={onChange}
        />
        <NumberInput
          field="failAfterMin"
          label="Failed after"
          unit="more min"
          testId="torrent-fail-after"
          placeholder="never"
          hint="Still stalled this much longer"
          form={form}
          bad={bad}
          onChange={onChange}
        />
      </div>
      <p className="muted small ts-explain">
        A failed download's release is blocklisted, so Racoon never picks it again and looks for another one. Empty: never marked
        stalled or failed.
      </p>
    </Section>
  );
}
