import type { SeedAction } from '../../torrent-settings-form';
import { NumberInput } from './NumberInput';
import { Section } from './Section';
import type { SectionProps } from './types';

export function SeedingSection({ form, bad, onChange }: SectionProps) {
  return (
    <Section title="Seeding" hint="Stop or remove a finished download once it reaches either limit.">
      <div className="ts-grid">
        <NumberInput
          field="ratioLimit"
          label="Ratio limit"
          testId="torrent-ratio"
          placeholder="no limit"
          hint="Uploaded ÷ downloaded, e.g. 2"
          form={form}
          bad={bad}
          onChange={onChange}
        />
        <NumberInput
          field="seedingTimeLimitMin"
          label="Seeding time limit"
          unit="min"
          testId="torrent-seed-time"
          placeholder="no limit"
          form={form}
          bad={bad}
          onChange={onChange}
        />
        <label className="field">
          <span>Then</span>
          <select
            className="input"
            data-testid="torrent-seed-action"
            value={form.seedAction}
            onChange={(e) => onChange({ seedAction: e.target.value as SeedAction })}
          >
            <option value="stop">Stop seeding</option>
            <option value="remove">Remove the torrent</option>
          </select>
        </label>
      </div>
    </Section>
  );
}
