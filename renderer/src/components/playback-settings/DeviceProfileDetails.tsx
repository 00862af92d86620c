// Every field of a device profile, read-only: shown when a row of the list is expanded.
import type { DeviceProfile } from '../../../../app/api/api-types';
import { levelText } from '../../device-profile-form';
import { bitrateText, containerName, frameText } from '../../device-profile-format';
import { channelsLabel, codecLabel } from '../../format';

/** Chips of codec or container names: as people know them, or ffprobe's own where two would read the same (PCM). */
function Names(props: { names: string[]; label: (name: string) => string }) {
  const labels = props.names.map(props.label);
  const shown = labels.map((l, i) => (labels.indexOf(l) !== labels.lastIndexOf(l) ? props.names[i] : l));
  return (
    <span className="pp-chips">
      {props.names.map((n, i) => (
        <span key={n} className="pp-chip" title={n}>
          {shown[i]}
        </span>
      ))}
    </span>
  );
}

const channels = (n: number) => `${n}${n === 2 || n === 1 || n >= 6 ? ` (${channelsLabel(n)?.toLowerCase()})` : ''}`;

export function DeviceProfileDetails({ profile: p }: { profile: DeviceProfile }) {
  const t = p.transcode;
  const usual = <span className="muted">what {containerName(t.container)} usually carries</span>;
  return (
    <div className="pp-details" data-testid="pp-details">
      <dl className="pp-dl">
        <dt>Containers</dt>
        <dd>
          <Names names={p.containers} label={containerName} />
        </dd>
        <dt>Audio codecs</dt>
        <dd>
          <Names names={p.audioCodecs} label={(c) => codecLabel(c)} />
        </dd>
        <dt>Audio channels</dt>
        <dd>up to {channels(p.maxAudioChannels)}</dd>
        <dt>Resolution</dt>
        <dd>
          up to {p.maxWidth} × {p.maxHeight}
          {frameText(p.maxWidth, p.maxHeight).includes('×') ? '' : ` (${frameText(p.maxWidth, p.maxHeight)})`}
        </dd>
        <dt>Bitrate</dt>
        <dd>up to {bitrateText(p.maxBitrate)}</dd>
        <dt>Text subtitles</dt>
        <dd>{p.textSubtitles ? 'Beside the video (WebVTT)' : 'Burnt into the picture'}</dd>
      </dl>

      <table className="pp-rules-table">
        <caption className="muted small">Video codecs</caption>
        <thead>
          <tr>
            <th scope="col">Codec</th>
            <th scope="col">Profiles</th>
            <th scope="col">Max level</th>
            <th scope="col">Bit depth</th>
          </tr>
        </thead>
        <tbody>
          {p.video.map((r) => (
            <tr key={r.codec} data-testid="pp-details-video">
              <td>
                {codecLabel(r.codec)} <span className="muted mono small">{r.codec}</span>
              </td>
              <td>{r.profiles?.length ? r.profiles.join(', ') : <span className="muted">any</span>}</td>
              <td>{r.maxLevel !== undefined ? levelText(r.codec, r.maxLevel) : <span className="muted">any</span>}</td>
              <td>up to {r.maxBitDepth ?? 8}-bit</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h4 className="pp-details-sub">When it can't: convert to</h4>
      <dl className="pp-dl">
        <dt>Delivery</dt>
        <dd>
          {t.protocol === 'hls' ? 'HLS, on the fly' : 'One progressive file'} in {containerName(t.container)}
        </dd>
        <dt>Video</dt>
        <dd>
          {codecLabel(t.videoCodec)} up to {t.maxWidth} × {t.maxHeight} at {bitrateText(t.videoBitrate)}
        </dd>
        <dt>Audio</dt>
        <dd>
          {codecLabel(t.audioCodec)} at {bitrateText(t.audioBitrate)}, up to {channels(t.maxAudioChannels)}
        </dd>
        <dt>Copied video</dt>
        <dd>{t.copyVideoCodecs ? <Names names={t.copyVideoCodecs} label={(c) => codecLabel(c)} /> : usual}</dd>
        <dt>Copied audio</dt>
        <dd>{t.copyAudioCodecs ? <Names names={t.copyAudioCodecs} label={(c) => codecLabel(c)} /> : usual}</dd>
      </dl>
    </div>
  );
}
