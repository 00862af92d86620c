// The video codecs a device plays, one row each: the codec and its limits (profiles, highest level, bit depth).
import { emptyVideoRule, type FieldPath, type VideoRuleForm } from '../../device-profile-form';

const MAX_RULES = 20;

export function VideoRulesEditor(props: {
  rules: VideoRuleForm[];
  invalid: ReadonlySet<FieldPath>;
  onChange: (rules: VideoRuleForm[]) => void;
}) {
  const { rules, invalid } = props;
  const set = (i: number, patch: Partial<VideoRuleForm>) =>
    props.onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const bad = (i: number, part: keyof VideoRuleForm) => invalid.has(`video.${i}.${part}`) || undefined;

  return (
    <fieldset className="rp-group pp-video" aria-invalid={invalid.has('video') || undefined}>
      <legend className="rp-legend">
        Video codecs
        <span className="muted small"> · at least one; blank limits = any, bit depth blank = 8</span>
      </legend>
      <div className="pp-rules">
        <div className="pp-rule pp-rule-head muted small" aria-hidden="true">
          <span>Codec</span>
          <span>Profiles</span>
          <span>Max level</span>
          <span>Bit depth</span>
          <span />
        </div>
        {rules.map((rule, i) => (
          <div key={i} className="pp-rule" data-testid="pp-video-rule">
            <input
              className="input mono"
              aria-label={`Video codec ${i + 1}`}
              placeholder="h264"
              autoComplete="off"
              spellCheck={false}
              data-testid="pp-video-codec"
              aria-invalid={bad(i, 'codec')}
              value={rule.codec}
              onChange={(e) => set(i, { codec: e.target.value })}
            />
            <input
              className="input"
              aria-label={`Video codec ${i + 1} profiles`}
              placeholder="any profile (e.g. main, high)"
              autoComplete="off"
              spellCheck={false}
              data-testid="pp-video-profiles"
              aria-invalid={bad(i, 'profiles')}
              value={rule.profiles}
              onChange={(e) => set(i, { profiles: e.target.value })}
            />
            <input
              className="input"
              aria-label={`Video codec ${i + 1} max level`}
              placeholder="any level"
              inputMode="decimal"
              autoComplete="off"
              data-testid="pp-video-level"
              aria-invalid={bad(i, 'maxLevel')}
              value={rule.maxLevel}
              onChange={(e) => set(i, { maxLevel: e.target.value })}
            />
            <input
              className="input"
              aria-label={`Video codec ${i + 1} max bit depth`}
              placeholder="8-bit"
              inputMode="numeric"
              autoComplete="off"
              data-testid="pp-video-depth"
              aria-invalid={bad(i, 'maxBitDepth')}
              value={rule.maxBitDepth}
              onChange={(e) => set(i, { maxBitDepth: e.target.value })}
            />
            <button
              type="button"
              className="btn ghost pp-rule-remove"
              aria-label={`Remove video codec ${rule.codec || i + 1}`}
              title="Remove this codec"
              data-testid="pp-video-remove"
              onClick={() => props.onChange(rules.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      <div className="pp-rules-foot">
        <button
          type="button"
          className="btn ghost"
          data-testid="pp-video-add"
          disabled={rules.length >= MAX_RULES}
          onClick={() => props.onChange([...rules, emptyVideoRule()])}
        >
          Add video codec
        </button>
        <span className="muted small">Levels as 4.1 or 5.2 for H.264 and HEVC; profiles as ffprobe names them.</span>
      </div>
    </fieldset>
  );
}
