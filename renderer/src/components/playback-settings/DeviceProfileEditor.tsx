// The form for one of the user's device profiles: what the device plays as it is, and what it gets when it can't.
// Checks run here first (each message names its field); the server's 400 is shown next to the form and marks its fields.
import {
  PROTOCOLS,
  TARGET_AUDIO_CODECS,
  TARGET_CONTAINERS,
  type DeviceProfileForm,
  type FieldPath,
  type TranscodeForm,
} from '../../device-profile-form';
import { containerName } from '../../device-profile-format';
import { codecLabel } from '../../format';
import { EditorFrame } from '../settings-kit/EditorFrame';
import { NameLabelFields, SelectField, SwitchField, TextField } from '../settings-kit/FormFields';
import { VideoRulesEditor } from './VideoRulesEditor';

const PROTOCOL_LABELS: Record<TranscodeForm['protocol'], string> = {
  hls: 'HLS, on the fly',
  file: 'One file (DLNA, clips)',
};

export function DeviceProfileEditor(props: {
  /** null: a new profile (a copy); else the saved profile's name, which can't change */
  original: string | null;
  form: DeviceProfileForm;
  invalid: ReadonlySet<FieldPath>;
  errors: string[];
  busy: boolean;
  onChange: (form: DeviceProfileForm) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { form, invalid } = props;
  const set = (patch: Partial<DeviceProfileForm>) => props.onChange({ ...form, ...patch });
  const setTarget = (patch: Partial<TranscodeForm>) => props.onChange({ ...form, transcode: { ...form.transcode, ...patch } });
  const bad = (f: FieldPath) => invalid.has(f) || undefined;
  const t = form.transcode;

  return (
    // opened below the list: it scrolls into view (a copy of the first built-in would open off-screen)
    <EditorFrame
      testIdPrefix="pp"
      className="rp-form pp-form"
      ariaLabel={props.original ? `Edit device profile ${props.original}` : 'New device profile'}
      title={props.original ? `Edit “${props.original}”` : 'New device profile'}
      errors={props.errors}
      errorClassName="pp-errors"
      busy={props.busy}
      saveLabel="Save profile"
      scrollKey={props.original}
      onSave={props.onSave}
      onCancel={props.onCancel}
    >
      <div className="rp-fields">
        <NameLabelFields
          testIdPrefix="pp"
          name={form.name}
          label={form.label}
          original={props.original}
          invalid={bad}
          namePlaceholder="bedroom-tv"
          labelPlaceholder="Bedroom TV"
          labelHint="What people see"
          onChange={set}
        />

        <fieldset className="ts-section pp-section">
          <legend className="ts-legend">Plays as it is</legend>
          <div className="ts-grid">
            <TextField
              label="Containers"
              testId="pp-containers"
              value={form.containers}
              onChange={(containers) => set({ containers })}
              invalid={bad('containers')}
              placeholder="mp4, mkv, webm"
              hint="Comma-separated: mp4, mkv, webm, mov, mpegts, m2ts, avi, …"
              wide
            />
            <TextField
              label="Audio codecs"
              testId="pp-audio-codecs"
              value={form.audioCodecs}
              onChange={(audioCodecs) => set({ audioCodecs })}
              invalid={bad('audioCodecs')}
              placeholder="aac, mp3, ac3"
              hint="Comma-separated, as ffprobe names them: aac, mp3, opus, ac3, eac3, dts, flac, …"
              wide
            />
          </div>
          <VideoRulesEditor rules={form.video} invalid={invalid} onChange={(video) => set({ video })} />
          <div className="ts-grid">
            <TextField
              label="Max audio channels"
              testId="pp-max-channels"
              value={form.maxAudioChannels}
              onChange={(maxAudioChannels) => set({ maxAudioChannels })}
              invalid={bad('maxAudioChannels')}
              inputMode="numeric"
              hint="2 = stereo, 6 = 5.1, 8 = 7.1"
            />
            <TextField
              label="Max width"
              testId="pp-max-width"
              value={form.maxWidth}
              onChange={(maxWidth) => set({ maxWidth })}
              invalid={bad('maxWidth')}
              inputMode="numeric"
              unit="px"
            />
            <TextField
              label="Max height"
              testId="pp-max-height"
              value={form.maxHeight}
              onChange={(maxHeight) => set({ maxHeight })}
              invalid={bad('maxHeight')}
              inputMode="numeric"
              unit="px"
              hint="2160 = 4K, 1080 = Full HD"
            />
            <TextField
              label="Max bitrate"
              testId="pp-max-bitrate"
              value={form.maxBitrate}
              onChange={(maxBitrate) => set({ maxBitrate })}
              invalid={bad('maxBitrate')}
              inputMode="decimal"
              unit="Mb/s"
              hint="Whole file; above it the video is converted"
            />
          </div>
          <SwitchField
            className="pp-switch"
            testId="pp-text-subs"
            label="Text subtitles beside the video"
            hint="SRT, ASS and WebVTT are sent as WebVTT; off = they are burnt into the picture (a transcode)"
            checked={form.textSubtitles}
            onChange={(textSubtitles) => set({ textSubtitles })}
          />
        </fieldset>

        <fieldset className="ts-section pp-section">
          <legend className="ts-legend">When it can't: convert to H.264</legend>
          <p className="muted small ts-hint">
            What the device gets when a file needs repackaging or converting. Racoon's encoder makes H.264 video.
          </p>
          <div className="ts-grid">
            <SelectField
              label="Delivery"
              testId="pp-t-protocol"
              value={t.protocol}
              options={PROTOCOLS.map((p) => ({ value: p, label: PROTOCOL_LABELS[p] }))}
              onChange={(protocol) => setTarget({ protocol })}
            />
            <SelectField
              label="Container"
              testId="pp-t-container"
              value={t.container}
              options={TARGET_CONTAINERS.map((c) => ({ value: c, label: containerName(c) }))}
              onChange={(container) => setTarget({ container })}
            />
            <TextField
              label="Max width"
              testId="pp-t-max-width"
              value={t.maxWidth}
              onChange={(maxWidth) => setTarget({ maxWidth })}
              invalid={bad('transcode.maxWidth')}
              inputMode="numeric"
              unit="px"
            />
            <TextField
              label="Max height"
              testId="pp-t-max-height"
              value={t.maxHeight}
              onChange={(maxHeight) => setTarget({ maxHeight })}
              invalid={bad('transcode.maxHeight')}
              inputMode="numeric"
              unit="px"
            />
            <TextField
              label="Video bitrate"
              testId="pp-t-video-bitrate"
              value={t.videoBitrate}
              onChange={(videoBitrate) => setTarget({ videoBitrate })}
              invalid={bad('transcode.videoBitrate')}
              inputMode="decimal"
              unit="Mb/s"
            />
            <SelectField
              label="Audio codec"
              testId="pp-t-audio-codec"
              value={t.audioCodec}
              options={TARGET_AUDIO_CODECS.map((c) => ({ value: c, label: codecLabel(c) }))}
              onChange={(audioCodec) => setTarget({ audioCodec })}
            />
            <TextField
              label="Audio bitrate"
              testId="pp-t-audio-bitrate"
              value={t.audioBitrate}
              onChange={(audioBitrate) => setTarget({ audioBitrate })}
              invalid={bad('transcode.audioBitrate')}
              inputMode="decimal"
              unit="kb/s"
            />
            <TextField
              label="Audio channels"
              testId="pp-t-channels"
              value={t.maxAudioChannels}
              onChange={(maxAudioChannels) => setTarget({ maxAudioChannels })}
              invalid={bad('transcode.maxAudioChannels')}
              inputMode="numeric"
              hint="At most; more are mixed down"
            />
          </div>
          <div className="pp-pair">
            <TextField
              label="Video codecs kept as they are"
              testId="pp-t-copy-video"
              value={t.copyVideoCodecs}
              onChange={(copyVideoCodecs) => setTarget({ copyVideoCodecs })}
              invalid={bad('transcode.copyVideoCodecs')}
              placeholder={`what ${containerName(t.container)} carries`}
              hint="Copied when only the container or the audio changes; blank = what the container carries"
            />
            <TextField
              label="Audio codecs kept as they are"
              testId="pp-t-copy-audio"
              value={t.copyAudioCodecs}
              onChange={(copyAudioCodecs) => setTarget({ copyAudioCodecs })}
              invalid={bad('transcode.copyAudioCodecs')}
              placeholder={`what ${containerName(t.container)} carries`}
              hint="Copied when only the container or the video changes; blank = what the container carries"
            />
          </div>
        </fieldset>
      </div>
    </EditorFrame>
  );
}
