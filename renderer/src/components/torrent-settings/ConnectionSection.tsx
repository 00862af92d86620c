import { NumberInput } from './NumberInput';
import { Section } from './Section';
import { SwitchField } from '../settings-kit/FormFields';
import type { SectionProps } from './types';

export function ConnectionSection({ form, bad, onChange }: SectionProps) {
  return (
    <Section title="Connection" hint="Connection changes apply after Racoon restarts.">
      <div className="ts-switches">
        <SwitchField
          testId="torrent-dht"
          label="DHT"
          hint="Find peers without a tracker"
          checked={form.dht}
          onChange={(dht) => onChange({ dht })}
        />
        <SwitchField
          testId="torrent-lsd"
          label="Local peer discovery"
          hint="Find peers on your local network"
          checked={form.lsd}
          onChange={(lsd) => onChange({ lsd })}
        />
        <SwitchField
          testId="torrent-utp"
          label="uTP"
          hint="Peer connections over µTP as well as TCP"
          checked={form.utp}
          onChange={(utp) => onChange({ utp })}
        />
      </div>
      <div className="ts-grid">
        <NumberInput
          field="port"
          label="Listening port"
          testId="torrent-port"
          placeholder="automatic"
          hint="Empty or 0: a free port chosen at start"
          form={form}
          bad={bad}
          onChange={onChange}
        />
      </div>
    </Section>
  );
}
