import { describe, expect, it } from 'vitest';
import type { DeviceProfile } from '../../app/api/api-types';
import { chromium, tv } from './device-profiles.test-support';
import {
  copyProfileLabel,
  copyProfileName,
  emptyVideoRule,
  errorFields,
  fromProfileForm,
  kbpsText,
  kbpsToBps,
  levelText,
  mbpsText,
  mbpsToBps,
  parseCommaList,
  parseDecimal,
  parseLevel,
  serverErrorFields,
  toProfileForm,
  type DeviceProfileForm,
  type FieldError,
  type VideoRuleForm,
} from './device-profile-form';

const bodyOf = ({ name: _n, builtin: _b, ...rest }: DeviceProfile) => rest;

function errors(form: DeviceProfileForm, taken: string[] = []): FieldError[] {
  const r = fromProfileForm(form, taken);
  return r.ok ? [] : r.errors;
}
const edit = (patch: Partial<DeviceProfileForm>, base: DeviceProfile = tv) => ({ ...toProfileForm(base), ...patch });
const editTarget = (patch: Partial<DeviceProfileForm['transcode']>) => {
  const f = toProfileForm(tv);
  return { ...f, transcode: { ...f.transcode, ...patch } };
};

describe('numbers as typed', () => {
  it('reads decimals with a point or a comma; blank is undefined, junk NaN', () => {
    expect(parseDecimal(' 1.5 ')).toBe(1.5);
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('12')).toBe(12);
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal('   ')).toBeUndefined();
    expect(parseDecimal('1.2.3')).toBeNaN();
    expect(parseDecimal('-3')).toBeNaN();
    expect(parseDecimal('8 Mb')).toBeNaN();
    expect(parseDecimal('1e3')).toBeNaN();
  });

  it('converts Mb/s and kb/s to bits per second and back', () => {
    expect(mbpsText(8_000_000)).toBe('8');
    expect(mbpsText(1_350_000)).toBe('1.35');
    expect(mbpsText(undefined)).toBe('');
    expect(mbpsToBps('8')).toBe(8_000_000);
    expect(mbpsToBps('1,35')).toBe(1_350_000);
    expect(mbpsToBps('0.1')).toBe(100_000);
    expect(mbpsToBps('')).toBeUndefined();
    expect(mbpsToBps('fast')).toBeNaN();
    expect(kbpsText(192_000)).toBe('192');
    expect(kbpsText(96_500)).toBe('96.5');
    expect(kbpsToBps('192')).toBe(192_000);
    expect(kbpsToBps('96.5')).toBe(96_500);
  });

  it('splits comma lists: trimmed, lower-case, each once, blanks dropped', () => {
    expect(parseCommaList('ac3, AAC,, eac3 ,aac')).toEqual(['ac3', 'aac', 'eac3']);
    expect(parseCommaList('  ')).toEqual([]);
    expect(parseCommaList('main 10, high')).toEqual(['main 10', 'high']);
  });
});

describe('levels', () => {
  it('shows H.264 and HEVC levels as people know them, other codecs as ffprobe numbers', () => {
    expect(levelText('h264', 52)).toBe('5.2');
    expect(levelText('h264', 40)).toBe('4.0');
    expect(levelText('hevc', 153)).toBe('5.1');
    expect(levelText('hevc', 120)).toBe('4.0');
    expect(levelText('av1', 13)).toBe('13');
    expect(levelText('h264', undefined)).toBe('');
  });

  it('reads them back, also as ffprobe numbers (no H.264/HEVC level reaches 10)', () => {
    expect(parseLevel('h264', '4.1')).toBe(41);
    expect(parseLevel('h264', '5')).toBe(50);
    expect(parseLevel('H264', '41')).toBe(41);
    expect(parseLevel('hevc', '5.1')).toBe(153);
    expect(parseLevel('hevc', '6.2')).toBe(186);
    expect(parseLevel('hevc', '153')).toBe(153);
    expect(parseLevel('av1', '13')).toBe(13);
    expect(parseLevel('h264', '')).toBeUndefined();
  });

  it('says what a level looks like when the text is not one', () => {
    expect(parseLevel('h264', '4.15')).toBe('a level like 4.1 or 5.2');
    expect(parseLevel('h264', 'high')).toBe('a level like 4.1 or 5.2');
    expect(parseLevel('h264', '300')).toBe('a level like 4.1 or 5.2');
    expect(parseLevel('h264', '0')).toBe('a level like 4.1 or 5.2');
    expect(parseLevel('vp9', '1.5')).toBe("ffprobe's level number (1–255)");
  });

  it('every level round-trips through its text', () => {
    for (const level of [9, 10, 11, 13, 20, 21, 30, 31, 32, 40, 41, 42, 50, 51, 52, 60, 61, 62])
      expect(parseLevel('h264', levelText('h264', level))).toBe(level);
    for (const level of [30, 60, 63, 90, 93, 120, 123, 150, 153, 156, 180, 183, 186])
      expect(parseLevel('hevc', levelText('hevc', level))).toBe(level);
  });
});

describe('toProfileForm / fromProfileForm', () => {
  it('shows lists as commas, bitrates in Mb/s and kb/s, levels as 5.2, absent limits blank', () => {
    const f = toProfileForm(chromium);
    expect(f.containers).toBe('mp4, webm, mov');
    expect(f.video[0]).toEqual({
      codec: 'h264',
      profiles: 'constrained baseline, baseline, main, high',
      maxLevel: '5.2',
      maxBitDepth: '8',
    });
    expect(f.video[1]).toEqual({ codec: 'vp8', profiles: '', maxLevel: '', maxBitDepth: '' });
    expect(f.maxBitrate).toBe('120');
    expect(f.transcode.videoBitrate).toBe('8');
    expect(f.transcode.audioBitrate).toBe('192');
    expect(f.transcode.copyVideoCodecs).toBe('');
  });

  it('round-trips every built-in-like and custom profile into the body the API takes', () => {
    for (const p of [chromium, tv])
      expect(fromProfileForm(toProfileForm(p))).toEqual({ ok: true, name: p.name, body: bodyOf(p) });
  });

  it('a copy takes a new kebab name and label; the name must be free', () => {
    const names = ['chromium', 'chromium-copy', 'firefox'];
    expect(copyProfileName('chromium', names)).toBe('chromium-copy-2');
    expect(copyProfileName('firefox', names)).toBe('firefox-copy');
    expect(copyProfileName('a'.repeat(64), [])).toMatch(/^a+-copy$/);
    expect(copyProfileName('a'.repeat(64), []).length).toBeLessThanOrEqual(64);
    expect(copyProfileLabel('Chromium')).toBe('Chromium (copy)');
    const f = toProfileForm(chromium, 'chromium-copy-2', 'Chromium (copy)');
    expect(f.name).toBe('chromium-copy-2');
    expect(f.label).toBe('Chromium (copy)');
    expect(errors(f, names)).toEqual([]);
    expect(errors(toProfileForm(chromium), names)).toEqual([
      { field: 'name', message: 'Name: “chromium” is already taken; pick another' },
    ]);
  });

  it('cleans what was typed: trims, lower-cases, drops repeats and blank video rows, blank limits stay absent', () => {
    const f = edit({
      name: '  kitchen-tv ',
      label: ' Kitchen ',
      containers: 'MKV, mp4, mkv',
      audioCodecs: ' AAC ,ac3,',
      video: [
        { codec: ' H264 ', profiles: 'High, MAIN', maxLevel: '4,1', maxBitDepth: '' },
        emptyVideoRule(),
        { codec: 'vp9', profiles: '', maxLevel: '', maxBitDepth: '10' },
      ],
      maxBitrate: '1,5',
    });
    const r = fromProfileForm(f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.name).toBe('kitchen-tv');
    expect(r.body.label).toBe('Kitchen');
    expect(r.body.containers).toEqual(['mkv', 'mp4']);
    expect(r.body.audioCodecs).toEqual(['aac', 'ac3']);
    expect(r.body.video).toEqual([
      { codec: 'h264', profiles: ['high', 'main'], maxLevel: 41 },
      { codec: 'vp9', maxBitDepth: 10 },
    ]);
    expect(r.body.maxBitrate).toBe(1_500_000);
  });

  it('blank copy lists mean the container defaults (absent), filled ones are sent', () => {
    const r = fromProfileForm(editTarget({ copyVideoCodecs: ' ', copyAudioCodecs: 'AAC, ac3' }));
    expect(r.ok && r.body.transcode.copyVideoCodecs).toBeUndefined();
    expect(r.ok && r.body.transcode.copyAudioCodecs).toEqual(['aac', 'ac3']);
  });
});

describe('checks that name the field', () => {
  it('name and label', () => {
    expect(errors(edit({ name: '' }))).toEqual([{ field: 'name', message: 'Name: required' }]);
    expect(errors(edit({ name: 'Bedroom TV' }))[0]).toEqual({
      field: 'name',
      message: 'Name: lower-case letters, digits and dashes (like bedroom-tv)',
    });
    expect(errors(edit({ name: 'tv-' }))[0].field).toBe('name');
    expect(errors(edit({ name: 'x'.repeat(65) }))[0].message).toBe('Name: at most 64 characters');
    expect(errors(edit({ label: '  ' }))).toEqual([{ field: 'label', message: 'Label: required' }]);
  });

  it('containers and audio codecs: at least one, and names as ffprobe writes them', () => {
    expect(errors(edit({ containers: ' , ' }))).toEqual([{ field: 'containers', message: 'Containers: at least one' }]);
    expect(errors(edit({ containers: 'mp4, m.k.v, x' }))).toEqual([
      { field: 'containers', message: 'Containers: “m.k.v”, “x” — write containers as mp4, mkv, webm, mpegts, …' },
    ]);
    expect(errors(edit({ audioCodecs: '' }))).toEqual([{ field: 'audioCodecs', message: 'Audio codecs: at least one' }]);
    expect(errors(edit({ audioCodecs: 'dolby digital' }))[0].field).toBe('audioCodecs');
  });

  it('video rules name their row and part', () => {
    const rule = (patch: Partial<VideoRuleForm>) => [
      { codec: 'h264', profiles: '', maxLevel: '', maxBitDepth: '' },
      { ...emptyVideoRule(), ...patch },
    ];
    expect(errors(edit({ video: [] }))).toEqual([{ field: 'video', message: 'Video codecs: at least one' }]);
    expect(errors(edit({ video: [emptyVideoRule()] }))).toEqual([{ field: 'video', message: 'Video codecs: at least one' }]);
    expect(errors(edit({ video: rule({ maxLevel: '4.1' }) }))).toEqual([
      { field: 'video.1.codec', message: 'Video codec 2: the codec is missing' },
    ]);
    expect(errors(edit({ video: rule({ codec: 'H264' }) }))).toEqual([
      { field: 'video.1.codec', message: 'Video codec 2 (h264): listed twice; one rule per codec' },
    ]);
    expect(errors(edit({ video: rule({ codec: 'h.265' }) }))[0].field).toBe('video.1.codec');
    expect(errors(edit({ video: rule({ codec: 'hevc', maxLevel: '5.15' }) }))).toEqual([
      { field: 'video.1.maxLevel', message: 'Video codec 2 (hevc) max level: a level like 4.1 or 5.2' },
    ]);
    expect(errors(edit({ video: rule({ codec: 'hevc', maxBitDepth: '7' }) }))).toEqual([
      { field: 'video.1.maxBitDepth', message: 'Video codec 2 (hevc) max bit depth: a whole number from 8 to 16' },
    ]);
    expect(errors(edit({ video: rule({ codec: 'hevc', profiles: 'x'.repeat(41) }) }))[0].field).toBe('video.1.profiles');
  });

  it('numbers: whole where whole, in range, with the unit the input shows', () => {
    expect(errors(edit({ maxAudioChannels: '5.1' }))).toEqual([
      { field: 'maxAudioChannels', message: 'Max audio channels: a whole number from 1 to 32' },
    ]);
    expect(errors(edit({ maxWidth: '' }))).toEqual([
      { field: 'maxWidth', message: 'Max width: a whole number from 160 to 16384' },
    ]);
    expect(errors(edit({ maxHeight: '80' }))[0].field).toBe('maxHeight');
    expect(errors(edit({ maxBitrate: '0.05' }))).toEqual([
      { field: 'maxBitrate', message: 'Max bitrate: a number of Mb/s from 0.1 to 1000' },
    ]);
    expect(errors(edit({ maxBitrate: 'lots' }))[0].field).toBe('maxBitrate');
  });

  it('the transcode target', () => {
    expect(errors(editTarget({ videoBitrate: '250' }))).toEqual([
      { field: 'transcode.videoBitrate', message: 'Transcode video bitrate: a number of Mb/s from 0.1 to 200' },
    ]);
    expect(errors(editTarget({ audioBitrate: '16' }))).toEqual([
      { field: 'transcode.audioBitrate', message: 'Transcode audio bitrate: a number of kb/s from 32 to 1536' },
    ]);
    expect(errors(editTarget({ maxWidth: '8000' }))[0].field).toBe('transcode.maxWidth');
    expect(errors(editTarget({ maxHeight: '' }))[0].field).toBe('transcode.maxHeight');
    expect(errors(editTarget({ maxAudioChannels: '9' }))).toEqual([
      { field: 'transcode.maxAudioChannels', message: 'Transcode audio channels: a whole number from 1 to 8' },
    ]);
    expect(errors(editTarget({ copyAudioCodecs: 'a' }))[0].field).toBe('transcode.copyAudioCodecs');
  });

  it('reports every problem at once', () => {
    const all = errors(edit({ name: '', containers: '', maxBitrate: '' }));
    expect(all.map((e) => e.field)).toEqual(['name', 'containers', 'maxBitrate']);
  });
});

describe('errors → inputs', () => {
  it('a list item marks its whole list; a video rule keeps its row', () => {
    const fields = errorFields([
      { field: 'containers.1', message: '' },
      { field: 'video.1.maxLevel', message: '' },
      { field: 'video.0', message: '' },
      { field: 'transcode.videoBitrate', message: '' },
    ]);
    expect([...fields]).toEqual(['containers', 'video.1.maxLevel', 'video', 'transcode.videoBitrate']);
  });

  it("reads the fields out of the server's 400", () => {
    const msg =
      'Invalid body: transcode/videoBitrate: Number must be less than or equal to 200000000; containers/1: a container name (mp4, mkv, webm, mpegts, …); video/0/maxLevel: Expected number, received string';
    expect([...serverErrorFields(msg)]).toEqual(['transcode.videoBitrate', 'containers', 'video.0.maxLevel']);
    expect([...serverErrorFields('Invalid device profile: maxBitrate: too small; video: one rule per codec')]).toEqual([
      'maxBitrate',
      'video',
    ]);
    expect([...serverErrorFields('"chromium" is a built-in device profile: save yours under another name')]).toEqual([]);
  });
});
