import { describe, expect, it } from 'vitest';
import type { ReleaseProfileSpec } from '../../app/api/api-types';
import {
  copyName,
  emptyProfileForm,
  fromProfileForm,
  parsePreferredWord,
  regexProblem,
  toggleIn,
  toProfileForm,
  VOICE_KINDS,
  withQuality,
  type ProfileForm,
} from './release-profile-form';

const spec: ReleaseProfileSpec = {
  name: 'mine',
  preset: 'fastest',
  qualities: ['1080p', '2160p'],
  cutoff: '1080p',
  sources: ['WEB-DL', 'BluRay'],
  remuxAllowed: true,
  sizeLimits: { '1080p': { minMbPerMin: 8, maxMbPerMin: 300 }, '2160p': { maxMbPerMin: 800 } },
  minSeeders: 3,
  requiredWords: ['rus'],
  forbiddenWords: ['\\bcam\\b', 'telesync'],
  preferredWords: [
    { pattern: 'HDR', points: 10 },
    { pattern: '(?=x)y', points: -5 },
  ],
  preferredStudios: ['LostFilm', 'HDRezka'],
  preferredVoiceKinds: ['MVO', 'DUB'],
  preferredAudioLanguages: ['ru', 'original'],
  preferredCodec: 'H.265',
};

const body = (form: ProfileForm, taken: string[] = []) => {
  const r = fromProfileForm(form, taken);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.body;
};
const errors = (form: ProfileForm, taken: string[] = []) => {
  const r = fromProfileForm(form, taken);
  return r.ok ? [] : r.errors;
};

describe('toProfileForm / fromProfileForm', () => {
  it('shows lists as lines and commas, in the canonical order', () => {
    const f = toProfileForm(spec);
    expect(f.qualities).toEqual(['2160p', '1080p']);
    expect(f.sources).toEqual(['BluRay', 'WEB-DL']);
    expect(f.voiceKinds).toEqual(['DUB', 'MVO']);
    expect(f.forbiddenWords).toBe('\\bcam\\b\ntelesync');
    expect(f.preferredWords).toBe('HDR = 10\n(?=x)y = -5');
    expect(f.preferredStudios).toBe('LostFilm, HDRezka');
    expect(f.sizeLimits['2160p']).toEqual({ min: '', max: '800' });
    expect(f.sizeLimits['720p']).toEqual({ min: '', max: '' });
    expect(f.codec).toBe('H.265');
  });

  it('round-trips a profile (without its name)', () => {
    const { name, ...rest } = spec;
    const r = fromProfileForm(toProfileForm(spec));
    expect(r).toEqual({
      ok: true,
      name,
      body: {
        ...rest,
        qualities: ['2160p', '1080p'],
        sources: ['BluRay', 'WEB-DL'],
        preferredVoiceKinds: ['DUB', 'MVO'],
      },
    });
  });

  it('a copy gets the new name', () => {
    expect(toProfileForm(spec, 'mine copy').name).toBe('mine copy');
  });

  it('no source checked means any (null), no codec means null, blank lines are dropped', () => {
    const f = { ...emptyProfileForm('x'), requiredWords: '\n  a  \n\n', audioLanguages: ' RU , ,en ' };
    const b = body(f);
    expect(b.sources).toBeNull();
    expect(b.preferredCodec).toBeNull();
    expect(b.requiredWords).toEqual(['a']);
    expect(b.preferredAudioLanguages).toEqual(['ru', 'en']);
    expect(b.minSeeders).toBe(1);
    expect(b.sizeLimits).toEqual({});
  });

  it('sends size limits only for the allowed qualities, and only the ends that are set', () => {
    const f = emptyProfileForm('x');
    f.sizeLimits['1080p'] = { min: '5', max: '' };
    f.sizeLimits['480p'] = { min: '1', max: '2' };
    expect(body(f).sizeLimits).toEqual({ '1080p': { minMbPerMin: 5 } });
  });

  it('empty min seeders means 0', () => {
    expect(body({ ...emptyProfileForm('x'), minSeeders: '' }).minSeeders).toBe(0);
  });
});

describe('checks', () => {
  it('needs a name that is not taken (case-insensitively)', () => {
    expect(errors(emptyProfileForm('  '))[0]).toEqual({ field: 'name', message: 'Name: required' });
    expect(errors(emptyProfileForm('Fastest'), ['fastest'])[0].field).toBe('name');
    expect(errors(emptyProfileForm('x'.repeat(101)))[0].field).toBe('name');
  });

  it('needs a quality, and the cutoff among them', () => {
    expect(errors({ ...emptyProfileForm('x'), qualities: [] }).map((e) => e.field)).toEqual(['qualities']);
    const e = errors({ ...emptyProfileForm('x'), qualities: ['1080p'], cutoff: '720p' });
    expect(e).toEqual([{ field: 'cutoff', message: 'Cutoff: 720p is not one of the allowed qualities' }]);
  });

  it('checks numbers', () => {
    expect(errors({ ...emptyProfileForm('x'), minSeeders: '1.5' }).map((e) => e.field)).toEqual(['minSeeders']);
    expect(errors({ ...emptyProfileForm('x'), minSeeders: '-1' }).map((e) => e.field)).toEqual(['minSeeders']);
    const f = emptyProfileForm('x');
    f.sizeLimits['1080p'] = { min: '10', max: '5' };
    f.sizeLimits['720p'] = { min: 'abc', max: '0' };
    expect(errors(f).map((e) => e.message)).toEqual([
      'Size limits 1080p: min must not exceed max',
      'Size limits 720p: min must be a number, 0 or more',
      'Size limits 720p: max must be a number above 0',
    ]);
  });

  it('names the line of a regex that does not compile', () => {
    const e = errors({ ...emptyProfileForm('x'), forbiddenWords: 'ok\n(unclosed' });
    expect(e).toHaveLength(1);
    expect(e[0].field).toBe('forbiddenWords');
    expect(e[0].message).toMatch(/^Forbidden words line 2: invalid regular expression “\(unclosed”/);
  });

  it('checks preferred words lines and audio languages', () => {
    const e = errors({ ...emptyProfileForm('x'), preferredWords: 'HDR\nx = 2000\n[ = 1', audioLanguages: 'r' });
    expect(e.map((x) => x.message)).toEqual([
      'Preferred words line 1: write “pattern = points”, e.g. “HDR = 10”',
      'Preferred words line 2: points must be a whole number from −1000 to 1000',
      expect.stringMatching(/^Preferred words line 3: invalid regular expression/),
      'Audio languages: “r” is not a language code (e.g. ru, en, original)',
    ]);
  });
});

describe('helpers', () => {
  it('parsePreferredWord splits at the last "="', () => {
    expect(parsePreferredWord('a=b = +3')).toEqual({ pattern: 'a=b', points: 3 });
    expect(parsePreferredWord(' = 3')).toBe('the pattern is missing before “=”');
  });

  it('regexProblem', () => {
    expect(regexProblem('\\d+')).toBeNull();
    expect(regexProblem('x'.repeat(201))).toMatch(/longer/);
  });

  it('toggleIn keeps the canonical order', () => {
    expect(toggleIn(['VO'], 'DUB', true, VOICE_KINDS)).toEqual(['DUB', 'VO']);
    expect(toggleIn(['DUB', 'VO'], 'DUB', false, VOICE_KINDS)).toEqual(['VO']);
  });

  it('withQuality moves a cutoff that is no longer allowed', () => {
    const f = withQuality(emptyProfileForm('x'), '1080p', false);
    expect(f.qualities).toEqual(['720p']);
    expect(f.cutoff).toBe('720p');
    expect(withQuality(f, '2160p', true)).toMatchObject({ qualities: ['2160p', '720p'], cutoff: '720p' });
  });

  it('copyName finds a free name', () => {
    expect(copyName('fastest', ['fastest'])).toBe('fastest copy');
    expect(copyName('fastest', ['fastest', 'Fastest copy', 'fastest copy 2'])).toBe('fastest copy 3');
  });
});
