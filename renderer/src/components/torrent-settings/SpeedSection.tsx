import type { AltMode, FormRule } from '../../torrent-settings-form';
import { RateInput } from './RateInput';
import { ScheduleEditor } from './ScheduleEditor';
import { Section } from './Section';
import type { SectionProps } from './types';

export function SpeedSection({ form, bad, onChange }: SectionProps) {
  function changeRule(index: number, patch: Partial<FormRule>) {
    onChange({ schedule: form.schedule.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  }

  return (
    <Section title="Speed limits" hint="In KiB/s; empty or 0 = unlimited. Changes apply at once.">
      <div className="ts-speed" role="group" aria-label="Speed limits">
        <span />
        <span className="ts-col muted small">Download</span>
        <span className="ts-col muted small">Upload</span>
        <span className="ts-row-label">Normal</span>
        <RateInput
          field="globalDown"
          label="Download limit"
          testId="torrent-global-down"
          form={form}
          bad={bad}
          onChange={onChange}
        />
        <RateInput field="globalUp" label="Upload limit" testId="torrent-global-up" form={form} bad={bad} onChange={onChange} />
        <span className="ts-row-label" title="The “turtle” limits, e.g. for evenings when the family streams">
          Alternative
        </span>
        <RateInput
          field="altDown"
          label="Alternative download limit"
          testId="torrent-alt-down"
          form={form}
          bad={bad}
          onChange={onChange}
        />
        <RateInput
          field="altUp"
          label="Alternative upload limit"
          testId="torrent-alt-up"
          form={form}
          bad={bad}
          onChange={onChange}
        />
      </div>
      <label className="field ts-mode">
        <span>Use the alternative limits</span>
        <select
          className="input"
          data-testid="torrent-alt-mode"
          value={form.altMode}
          onChange={(e) => onChange({ altMode: e.target.value as AltMode })}
        >
          <option value="off">Off</option>
          <option value="on">Always</option>
          <option value="scheduled">By schedule</option>
        </select>
      </label>
      <ScheduleEditor form={form} onChangeRule={changeRule} onChange={onChange} />
    </Section>
  );
}
