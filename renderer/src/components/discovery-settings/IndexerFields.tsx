import type { IndexerInput } from '../../../../app/api/api-types';

/** Name, Torznab URL and API key; `prefix` names the test ids (indexer-add-name, indexer-edit-url, …). */
export function IndexerFields(props: {
  prefix: string;
  value: IndexerInput;
  keyPlaceholder: string;
  onChange: (patch: Partial<IndexerInput>) => void;
}) {
  const { value, prefix } = props;
  return (
    <div className="ds-indexer-fields">
      <label className="field">
        <span>Name</span>
        <input
          className="input"
          data-testid={`${prefix}-name`}
          placeholder="Jackett"
          autoComplete="off"
          value={value.name}
          onChange={(e) => props.onChange({ name: e.target.value })}
        />
      </label>
      <label className="field ds-url">
        <span>Torznab feed URL</span>
        <input
          className="input mono"
          data-testid={`${prefix}-url`}
          placeholder="http://127.0.0.1:9117/api/v2.0/indexers/all/results/torznab/"
          autoComplete="off"
          spellCheck={false}
          inputMode="url"
          value={value.url}
          onChange={(e) => props.onChange({ url: e.target.value })}
        />
      </label>
      <label className="field">
        <span>API key</span>
        <input
          className="input mono"
          type="password"
          data-testid={`${prefix}-key`}
          placeholder={props.keyPlaceholder}
          autoComplete="off"
          spellCheck={false}
          value={value.apiKey}
          onChange={(e) => props.onChange({ apiKey: e.target.value })}
        />
      </label>
    </div>
  );
}
