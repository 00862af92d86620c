import { Section } from './Section';
import { SwitchField } from '../settings-kit/FormFields';
import type { SectionProps } from './types';

export function DiskSection({ form, onChange }: SectionProps) {
  return (
    <Section title="Disk" hint="Disk changes apply after Racoon restarts.">
      <div className="ts-switches wide">
        <SwitchField
          testId="torrent-direct-writes"
          label="Bypass the OS cache"
          hint="Write downloads straight to disk: less CPU, and the memory stays free for playback. Turn it off if the download folder is a network share that gets slow."
          checked={form.directWrites}
          onChange={(directWrites) => onChange({ directWrites })}
        />
      </div>
    </Section>
  );
}
