// The form for one camera: where it is (connection + test), what it records (mode, weekly schedule), how motion is
// detected (sensitivity, minimum area, cooldown, masked zones) and how long its footage is kept. Problems show next to
// their field; what names no field shows at the bottom.
import type { CameraInfo } from '../../api/camera-settings';
import { CAMERA_MODES, type CameraFieldError, type CameraForm } from '../../camera-form';
import { EditorFrame } from '../settings-kit/EditorFrame';
import { Field, SelectField } from '../settings-kit/FormFields';
import { CameraScheduleEditor } from './CameraScheduleEditor';
import { ConnectionFields } from './ConnectionFields';
import { CheckedTextField, hasProblem, textFieldsOf, WithProblems } from './FieldProblems';
import { ZoneEditor } from './ZoneEditor';

/** Motion detection's numbers besides the sensitivity slider. */
const DETECTION_FIELDS = [
  {
    field: 'minArea',
    label: 'Minimum area',
    testId: 'camera-min-area',
    inputMode: 'decimal',
    unit: '% of the picture',
    hint: 'How much must change to count as motion',
  },
  {
    field: 'cooldownSec',
    label: 'Cooldown',
    testId: 'camera-cooldown',
    inputMode: 'numeric',
    unit: 's',
    hint: 'Motion this soon after an event continues it instead of raising a new one',
  },
] as const;

/** The camera's own retention: empty falls back to the global days (shown as the placeholder). */
const KEEP_FIELDS = [
  {
    field: 'continuousDays',
    label: 'Continuous footage',
    testId: 'camera-continuous-days',
    hint: 'Empty: the global setting below',
  },
  { field: 'eventDays', label: 'Event footage', testId: 'camera-event-days', hint: 'Usually longer than continuous footage' },
] as const;

export function CameraEditor(props: {
  saved: CameraInfo | null;
  form: CameraForm;
  errors: CameraFieldError[];
  busy: boolean;
  /** the global retention days, shown as what an empty field means */
  globalDays: { continuousDays: number | null; eventDays: number | null } | null;
  onChange: (form: CameraForm) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { form, errors, saved } = props;
  const set = (patch: Partial<CameraForm>) => props.onChange({ ...form, ...patch });
  const formWide = errors.filter((e) => e.field === '').map((e) => e.message);
  const fieldCount = errors.filter((e) => e.field !== '').length;
  const bottom = [
    ...formWide,
    ...(fieldCount > 0 ? [`Check the ${fieldCount === 1 ? 'field' : `${fieldCount} fields`} marked above.`] : []),
  ];
  const mode = CAMERA_MODES.find((m) => m.value === form.mode);
  const field = textFieldsOf(form, errors, set);
  const globalText = (days: number | null | undefined) =>
    days === undefined ? 'global setting' : days === null ? 'global: no limit' : `global: ${days} days`;

  return (
    <EditorFrame
      testIdPrefix="camera"
      className="rp-form cs-form"
      ariaLabel={saved ? `Edit camera ${saved.name}` : 'New camera'}
      title={saved ? `Edit “${saved.name}”` : 'Add a camera'}
      errors={bottom}
      busy={props.busy}
      saveLabel={saved ? 'Save camera' : 'Add camera'}
      scrollKey={saved ? String(saved.id) : 'new'}
      onSave={props.onSave}
      onCancel={props.onCancel}
    >
      <fieldset className="rp-group cs-group">
        <legend className="rp-legend">Connection</legend>
        <ConnectionFields
          form={form}
          errors={errors}
          hasCredentials={saved?.hasCredentials ?? false}
          isNew={saved === null}
          cameraId={saved?.id ?? null}
          onChange={set}
        />
      </fieldset>

      <fieldset className="rp-group cs-group">
        <legend className="rp-legend">Recording</legend>
        <WithProblems errors={errors} field="mode" className="cs-mode">
          <SelectField
            label="Mode"
            testId="camera-mode"
            value={form.mode}
            options={CAMERA_MODES.map((m) => ({ value: m.value, label: m.label }))}
            onChange={(m) => set({ mode: m })}
            hint={mode?.hint}
          />
        </WithProblems>
        {form.mode === 'schedule' ? (
          <CameraScheduleEditor rows={form.schedule} errors={errors} onChange={(schedule) => set({ schedule })} />
        ) : (
          form.schedule.length > 0 && (
            <p className="muted small">
              The weekly schedule ({form.schedule.length} rows) is kept and used again in “By schedule”.
            </p>
          )
        )}
      </fieldset>

      <fieldset className="rp-group cs-group">
        <legend className="rp-legend">Motion detection</legend>
        <div className="pp-pair cs-detection">
          <WithProblems errors={errors} field="sensitivity">
            <Field
              label={`Sensitivity: ${form.sensitivity}`}
              hint="Higher catches smaller, fainter changes (and more false alarms)"
            >
              <input
                type="range"
                min={0}
                max={100}
                step={1}
                className="cs-slider"
                data-testid="camera-sensitivity"
                aria-invalid={hasProblem(errors, 'sensitivity')}
                value={form.sensitivity}
                onChange={(e) => set({ sensitivity: Number(e.target.value) })}
              />
            </Field>
          </WithProblems>
          {DETECTION_FIELDS.map((f) => (
            <CheckedTextField key={f.field} {...field(f.field)} {...f} />
          ))}
        </div>
        <ZoneEditor cameraId={saved?.id ?? null} zones={form.zones} errors={errors} onChange={(zones) => set({ zones })} />
      </fieldset>

      <fieldset className="rp-group cs-group">
        <legend className="rp-legend">Keep footage</legend>
        <div className="pp-pair">
          {KEEP_FIELDS.map((f) => (
            <CheckedTextField
              key={f.field}
              {...field(f.field)}
              label={f.label}
              testId={f.testId}
              inputMode="decimal"
              unit="days"
              placeholder={globalText(props.globalDays?.[f.field])}
              hint={f.hint}
            />
          ))}
        </div>
      </fieldset>
    </EditorFrame>
  );
}
