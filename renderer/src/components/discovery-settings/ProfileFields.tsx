import {
  CODECS,
  PRESETS,
  QUALITIES,
  SOURCES,
  VOICE_KINDS,
  toggleIn,
  withQuality,
  type ProfileField,
  type ProfileForm,
} from '../../release-profile-form';
import { Field, TextAreaField, TextField } from '../settings-kit/FormFields';

const PRESET_HINTS: Record<ProfileForm['preset'], string> = {
  'best-quality': 'Picture first',
  fastest: 'Seeders first',
  compact: 'Small files first',
  balanced: 'A bit of everything',
};

/** A row of checkboxes, in the given order; `testId` is set on each with `data-value`. */
function Checks<T extends string>(props: {
  legend: string;
  hint?: string;
  testId: string;
  options: readonly T[];
  value: readonly T[];
  invalid?: boolean;
  onChange: (value: T[]) => void;
}) {
  return (
    <fieldset className="rp-group" aria-invalid={props.invalid || undefined}>
      <legend className="rp-legend">
        {props.legend}
        {props.hint && <span className="muted small"> · {props.hint}</span>}
      </legend>
      <div className="rp-checks">
        {props.options.map((o) => (
          <label key={o} className="check">
            <input
              type="checkbox"
              data-testid={props.testId}
              data-value={o}
              checked={props.value.includes(o)}
              onChange={(e) => props.onChange(toggleIn(props.value, o, e.target.checked, props.options))}
            />
            {o}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Every field of a release profile; `nameLocked` when editing a saved one (the name is its address). */
export function ProfileFields(props: {
  form: ProfileForm;
  invalid: ReadonlySet<ProfileField>;
  nameLocked: boolean;
  onChange: (next: ProfileForm) => void;
}) {
  const { form, invalid } = props;
  const set = (patch: Partial<ProfileForm>) => props.onChange({ ...form, ...patch });
  const bad = (f: ProfileField) => invalid.has(f) || undefined;
  const codecs = CODECS.includes(form.codec) ? CODECS : [...CODECS, form.codec];

  return (
    <div className="rp-fields">
      <div className="ts-grid">
        <Field label="Name">
          <input
            className="input"
            data-testid="profile-name"
            autoComplete="off"
            maxLength={100}
            placeholder="my-profile"
            readOnly={props.nameLocked}
            aria-invalid={bad('name')}
            value={form.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </Field>
        <Field label="Preset" hint={PRESET_HINTS[form.preset]}>
          <select
            className="input"
            data-testid="profile-preset"
            value={form.preset}
            onChange={(e) => set({ preset: e.target.value as ProfileForm['preset'] })}
          >
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Cutoff" hint="At or above it no upgrade is sought">
          <select
            className="input"
            data-testid="profile-cutoff"
            aria-invalid={bad('cutoff')}
            value={form.cutoff}
            onChange={(e) => set({ cutoff: e.target.value as ProfileForm['cutoff'] })}
          >
            {QUALITIES.map((q) => (
              <option key={q} value={q} disabled={!form.qualities.includes(q)}>
                {q}
              </option>
            ))}
          </select>
        </Field>
        <TextField
          label="Min seeders"
          testId="profile-min-seeders"
          inputMode="numeric"
          invalid={bad('minSeeders')}
          value={form.minSeeders}
          onChange={(minSeeders) => set({ minSeeders })}
        />
        <Field label="Preferred codec">
          <select
            className="input"
            data-testid="profile-codec"
            value={form.codec}
            onChange={(e) => set({ codec: e.target.value })}
          >
            {codecs.map((c) => (
              <option key={c} value={c}>
                {c || 'None'}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <Checks
        legend="Qualities"
        hint="at least one"
        testId="profile-quality"
        options={QUALITIES}
        value={form.qualities}
        invalid={bad('qualities')}
        onChange={(qualities) => {
          // one change at a time: find it and let withQuality keep the cutoff valid
          const added = qualities.find((q) => !form.qualities.includes(q));
          const removed = form.qualities.find((q) => !qualities.includes(q));
          if (added) props.onChange(withQuality(form, added, true));
          else if (removed) props.onChange(withQuality(form, removed, false));
        }}
      />
      <Checks
        legend="Sources"
        hint="none checked = any"
        testId="profile-source"
        options={SOURCES}
        value={form.sources}
        onChange={(sources) => set({ sources })}
      />
      <label className="check">
        <input
          type="checkbox"
          data-testid="profile-remux"
          checked={form.remuxAllowed}
          onChange={(e) => set({ remuxAllowed: e.target.checked })}
        />
        Remux allowed
      </label>

      {form.qualities.length > 0 && (
        <fieldset className="rp-group" aria-invalid={bad('sizeLimits')}>
          <legend className="rp-legend">
            Size limits <span className="muted small"> · MB per minute of runtime, empty = no limit</span>
          </legend>
          <div className="rp-sizes">
            {form.qualities.map((q) => (
              <div key={q} className="rp-size" data-testid="profile-size" data-quality={q}>
                <span className="rp-size-q">{q}</span>
                <input
                  className="input"
                  inputMode="decimal"
                  aria-label={`${q} min MB per minute`}
                  placeholder="min"
                  data-testid="profile-size-min"
                  value={form.sizeLimits[q].min}
                  onChange={(e) =>
                    set({ sizeLimits: { ...form.sizeLimits, [q]: { ...form.sizeLimits[q], min: e.target.value } } })
                  }
                />
                <span className="muted">–</span>
                <input
                  className="input"
                  inputMode="decimal"
                  aria-label={`${q} max MB per minute`}
                  placeholder="max"
                  data-testid="profile-size-max"
                  value={form.sizeLimits[q].max}
                  onChange={(e) =>
                    set({ sizeLimits: { ...form.sizeLimits, [q]: { ...form.sizeLimits[q], max: e.target.value } } })
                  }
                />
              </div>
            ))}
          </div>
        </fieldset>
      )}

      <div className="rp-words">
        <TextAreaField
          label="Required words"
          hint="One regex per line; each must match the title"
          testId="profile-required"
          invalid={bad('requiredWords')}
          value={form.requiredWords}
          onChange={(requiredWords) => set({ requiredWords })}
        />
        <TextAreaField
          label="Forbidden words"
          hint="One regex per line; none may match"
          testId="profile-forbidden"
          invalid={bad('forbiddenWords')}
          value={form.forbiddenWords}
          onChange={(forbiddenWords) => set({ forbiddenWords })}
        />
        <TextAreaField
          label="Preferred words"
          hint="“pattern = points” per line, e.g. “HDR = 10” (−1000…1000)"
          testId="profile-preferred"
          invalid={bad('preferredWords')}
          value={form.preferredWords}
          onChange={(preferredWords) => set({ preferredWords })}
        />
      </div>

      <div className="ts-grid">
        <TextField
          label="Preferred studios"
          hint="Comma-separated, most wanted first"
          testId="profile-studios"
          invalid={bad('preferredStudios')}
          value={form.preferredStudios}
          onChange={(preferredStudios) => set({ preferredStudios })}
        />
        <TextField
          label="Audio languages"
          hint="Comma-separated codes (ru, en) or “original”"
          testId="profile-audio"
          invalid={bad('audioLanguages')}
          value={form.audioLanguages}
          onChange={(audioLanguages) => set({ audioLanguages })}
        />
      </div>
      <Checks
        legend="Voice-over kinds"
        hint="preferred"
        testId="profile-voice"
        options={VOICE_KINDS}
        value={form.voiceKinds}
        onChange={(voiceKinds) => set({ voiceKinds })}
      />
    </div>
  );
}
