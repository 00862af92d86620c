// One checkbox per network interface, with its addresses; loopback and virtual ones are marked (they are only served
// on when ticked). None ticked = every LAN interface, which the line above the list spells out.
import { everyLanText, toggleInterface, type InterfaceChoice } from '../../dlna-format';

export function InterfaceChecks(props: {
  choices: InterfaceChoice[];
  ticked: string[];
  invalid?: boolean;
  onChange: (ticked: string[]) => void;
}) {
  const { choices, ticked } = props;
  return (
    <fieldset className="rp-group dlna-ifaces" aria-invalid={props.invalid || undefined} data-testid="dlna-interfaces">
      <legend className="rp-legend">Network interfaces</legend>
      <p className="small dlna-ifaces-mode" data-testid="dlna-iface-mode">
        {ticked.length === 0 ? (
          <>
            <strong>{everyLanText(choices)}</strong>
            <span className="muted"> — nothing ticked. Tick some to serve on those only.</span>
          </>
        ) : (
          <>
            <strong>Only {ticked.join(', ')}</strong>
            <span className="muted"> — untick all to serve on every LAN interface.</span>
          </>
        )}
      </p>
      {choices.length === 0 && <p className="muted small">No interface with an IPv4 address.</p>}
      <ul className="dlna-iface-list">
        {choices.map((c) => (
          <li key={c.name}>
            <label className={`dlna-iface dlna-iface-${c.kind}`}>
              <input
                type="checkbox"
                data-testid={`dlna-iface-${c.name}`}
                checked={ticked.includes(c.name)}
                onChange={(e) => props.onChange(toggleInterface(ticked, c.name, e.target.checked))}
              />
              <span className="dlna-iface-name mono">{c.name}</span>
              {c.addresses.length > 0 && <span className="muted mono small">{c.addresses.join(', ')}</span>}
              {c.note && <span className={c.kind === 'missing' ? 'badge warn' : 'badge'}>{c.note}</span>}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
