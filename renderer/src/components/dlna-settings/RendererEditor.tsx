// The form for one of the user's renderers: how to recognise it (User-Agent fragments, headers), which device profile
// decides what it plays, and the quirks it needs. Checks run here first; the server's 400 marks its fields too.
import { QUIRK_FLAGS, type HeaderRuleForm, type RendererForm } from '../../dlna-format';
import { EditorFrame } from '../settings-kit/EditorFrame';
import { NameLabelFields, SelectField, TextField } from '../settings-kit/FormFields';

export function RendererEditor(props: {
  /** null: a new renderer; else the saved one's name, which can't change */
  original: string | null;
  form: RendererForm;
  invalid: ReadonlySet<string>;
  errors: string[];
  busy: boolean;
  profiles: ReadonlyArray<{ value: string; label: string }>;
  onChange: (form: RendererForm) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { form, invalid } = props;
  const set = (patch: Partial<RendererForm>) => props.onChange({ ...form, ...patch });
  const bad = (field: string) => invalid.has(field) || undefined;

  function setHeader(index: number, patch: Partial<HeaderRuleForm>) {
    set({ headers: form.headers.map((h, i) => (i === index ? { ...h, ...patch } : h)) });
  }

  return (
    <EditorFrame
      testIdPrefix="dlna-renderer"
      className="rp-form dlna-renderer-form"
      ariaLabel={props.original ? `Edit renderer ${props.original}` : 'New renderer'}
      title={props.original ? `Edit “${props.original}”` : 'Add a renderer'}
      errors={props.errors}
      errorClassName="pp-errors"
      busy={props.busy}
      saveLabel={props.original ? 'Save renderer' : 'Add renderer'}
      scrollKey={props.original}
      onSave={props.onSave}
      onCancel={props.onCancel}
    >
      <div className="rp-fields">
        <NameLabelFields
          testIdPrefix="dlna-renderer"
          name={form.name}
          label={form.label}
          original={props.original}
          invalid={bad}
          namePlaceholder="panasonic-tv"
          labelPlaceholder="Panasonic TV"
          labelHint="What the list shows"
          onChange={set}
        />
        <TextField
          label="User-Agent contains"
          testId="dlna-renderer-ua"
          value={form.userAgents}
          onChange={(userAgents) => set({ userAgents })}
          invalid={bad('userAgentContains')}
          placeholder="Panasonic, VIERA"
          hint="Comma-separated; any one of them recognises it (case doesn't matter)"
        />
        <fieldset className="rp-group" aria-invalid={bad('headerContains')}>
          <legend className="rp-legend">Or a request header</legend>
          {form.headers.length > 0 && (
            <div className="dlna-headers">
              {form.headers.map((h, i) => (
                <div className="dlna-header-rule" key={i} data-testid="dlna-header-rule">
                  <input
                    className="input mono"
                    aria-label={`Header ${i + 1} name`}
                    data-testid="dlna-header-name"
                    placeholder="X-AV-Client-Info"
                    spellCheck={false}
                    aria-invalid={bad(`headerContains.${i}.header`)}
                    value={h.header}
                    onChange={(e) => setHeader(i, { header: e.target.value })}
                  />
                  <span className="muted small">contains</span>
                  <input
                    className="input"
                    aria-label={`Header ${i + 1} contains`}
                    data-testid="dlna-header-contains"
                    placeholder="(anything: the header is there)"
                    spellCheck={false}
                    aria-invalid={bad(`headerContains.${i}.contains`)}
                    value={h.contains}
                    onChange={(e) => setHeader(i, { contains: e.target.value })}
                  />
                  <button
                    type="button"
                    className="btn ghost pp-rule-remove"
                    aria-label={`Remove header ${i + 1}`}
                    title="Remove this header"
                    onClick={() => set({ headers: form.headers.filter((_, j) => j !== i) })}
                  >
                    ×
                  </button>
                </div>
              ))}
            </div>
          )}
          <button
            type="button"
            className="btn ghost dlna-add-header"
            data-testid="dlna-header-add"
            onClick={() => set({ headers: [...form.headers, { header: '', contains: '' }] })}
          >
            + Header
          </button>
        </fieldset>
        <div className="pp-pair">
          <SelectField
            label="Device profile"
            testId="dlna-renderer-profile-select"
            value={form.deviceProfile}
            options={props.profiles}
            onChange={(deviceProfile) => set({ deviceProfile })}
            hint="What it plays as it is; anything else is converted for it (Settings → Playback)"
          />
          <TextField
            label="Max page size"
            testId="dlna-renderer-page"
            value={form.maxPageSize}
            onChange={(maxPageSize) => set({ maxPageSize })}
            invalid={bad('maxPageSize')}
            inputMode="numeric"
            placeholder="0"
            unit="items"
            hint="For renderers that choke on long folders; 0 = what it asks for"
          />
        </div>
        <fieldset className="rp-group">
          <legend className="rp-legend">Quirks</legend>
          <div className="dlna-quirks">
            {QUIRK_FLAGS.map((f) => (
              <label key={f.key} className="dlna-quirk">
                <input
                  type="checkbox"
                  data-testid={`dlna-renderer-${f.key}`}
                  checked={form[f.key]}
                  onChange={(e) => set({ [f.key]: e.target.checked })}
                />
                <span className="ts-switch-text">
                  <span>{f.label}</span>
                  <span className="muted small">{f.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    </EditorFrame>
  );
}
