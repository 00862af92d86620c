import { describe, expect, it } from 'vitest';
import { BUILTIN_DEVICE_PROFILES } from '../stream/device-profiles.js';
import type { DeviceProfile } from '../stream/playback-types.js';
import { DEFAULT_SOURCES } from './content-sources.js';
import { buildContentTree, type ContainerNode, type TreeNode } from './content-tree.js';
import { didlLite, parseFilter, type DidlContext } from './didl-lite.js';
import { many, parseDidl, type DidlNode } from './didl-parse.test-support.js';
import { quirks, realisticIndex } from './media-index.test-support.js';

const BASE = 'http://192.168.1.20:8200';
const profile = (name: string): DeviceProfile => BUILTIN_DEVICE_PROFILES.find((p) => p.name === name)!;
const snapshot = buildContentTree(realisticIndex(), DEFAULT_SOURCES);
const node = (id: string): TreeNode => snapshot.find(id)!;

function context(overrides: Partial<DidlContext> = {}): DidlContext {
  return { baseUrl: BASE, client: quirks(), profile: profile('dlna-generic'), filter: parseFilter('*'), ...overrides };
}

function render(ids: string[], overrides: Partial<DidlContext> = {}): DidlNode[] {
  return parseDidl(didlLite(ids.map(node), context(overrides))).objects;
}

const resOf = (item: DidlNode) => many(item.res) as Array<Record<string, string>>;

describe('DIDL-Lite', () => {
  it('declares the DIDL-Lite, dc, upnp, dlna and sec namespaces', () => {
    const { rootAttributes, objects } = parseDidl(didlLite([], context()));
    expect(objects).toEqual([]);
    expect(rootAttributes).toEqual({
      '@_xmlns': 'urn:schemas-upnp-org:metadata-1-0/DIDL-Lite/',
      '@_xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      '@_xmlns:upnp': 'urn:schemas-upnp-org:metadata-1-0/upnp/',
      '@_xmlns:dlna': 'urn:schemas-dlna-org:metadata-1-0/',
      '@_xmlns:sec': 'http://www.sec.co.kr/',
    });
  });

  it('writes containers with their child count, searchable and class', () => {
    const [movies, folders] = render(['movies', 'folders/1']);
    expect(movies).toEqual({
      '#kind': 'container',
      '@_id': 'movies',
      '@_parentID': '0',
      '@_restricted': '1',
      '@_searchable': '1',
      '@_childCount': '5',
      'dc:title': 'Movies',
      'upnp:class': 'object.container',
    });
    expect(folders).toMatchObject({ '@_childCount': '4', 'upnp:class': 'object.container.storageFolder' });
  });

  it('describes a direct-play MP4 with one res: DLNA profile, size, duration, resolution, bytes per second, channels', () => {
    const [alien] = render(['movies/f/1']);
    expect(alien).toMatchObject({
      '@_id': 'movies/f/1',
      '@_parentID': 'movies',
      '@_restricted': '1',
      'dc:title': 'Alien',
      'dc:date': '1979-01-01',
      'upnp:class': 'object.item.videoItem.movie',
    });
    expect(resOf(alien)).toEqual([
      {
        '@_protocolInfo':
          'http-get:*:video/mp4:DLNA.ORG_PN=AVC_MP4_HP_HD_AAC;DLNA.ORG_OP=01;DLNA.ORG_CI=0;DLNA.ORG_FLAGS=01700000000000000000000000000000',
        '@_size': '1000000001',
        '@_duration': '1:57:03.250',
        '@_resolution': '1920x1080',
        '@_bitrate': '1000000',
        '@_nrAudioChannels': '2',
        '@_sampleFrequency': '48000',
        '#text': `${BASE}/dlna/media/1`,
      },
    ]);
  });

  it('adds a transcoded res for an MKV with AC-3 a generic DLNA renderer cannot play', () => {
    const [bladeRunner] = render(['movies/f/2']);
    const [original, transcoded] = resOf(bladeRunner);
    expect(resOf(bladeRunner)).toHaveLength(2);
    expect(original['@_protocolInfo']).toBe(
      'http-get:*:video/x-matroska:DLNA.ORG_PN=AVC_MKV_HP_HD_AC3;DLNA.ORG_OP=01;DLNA.ORG_CI=0;DLNA.ORG_FLAGS=01700000000000000000000000000000',
    );
    expect(original['#text']).toBe(`${BASE}/dlna/media/2`);
    expect(transcoded).toEqual({
      '@_protocolInfo':
        'http-get:*:video/mpeg:DLNA.ORG_PN=AVC_TS_HD_24_AC3_ISO;DLNA.ORG_OP=10;DLNA.ORG_CI=1;DLNA.ORG_FLAGS=01700000000000000000000000000000',
      '@_duration': '0:44:00.500',
      '@_resolution': '1920x1080',
      // copied streams (a remux into MPEG-TS): the source's 6 Mb/s
      '@_bitrate': '750000',
      '@_nrAudioChannels': '6',
      '#text': `${BASE}/dlna/transcode/2?profile=dlna-generic`,
    });
  });

  it('scales the transcoded res of a 4K HEVC file to what the profile takes', () => {
    const [dune] = render(['movies/f/3']);
    const res = resOf(dune);
    expect(res).toHaveLength(2);
    expect(res[0]['@_protocolInfo']).not.toContain('DLNA.ORG_PN');
    expect(res[1]['@_resolution']).toBe('1920x1080');
    // transcoded: the target's video rate plus the AC-3 rate, in bytes per second
    const target = profile('dlna-generic').transcode;
    expect(Number(res[1]['@_bitrate'])).toBe(Math.round((target.videoBitrate + target.audioBitrate) / 8));
    expect(res[1]['#text']).toBe(`${BASE}/dlna/transcode/3?profile=dlna-generic`);
  });

  it('gives one res only when the renderer plays the file as it is', () => {
    const samsung = quirks({ name: 'samsung', deviceProfile: 'samsung-tv' });
    for (const id of ['movies/f/1', 'movies/f/2', 'movies/f/3']) {
      const [item] = render([id], { client: samsung, profile: profile('samsung-tv') });
      expect(resOf(item)).toHaveLength(1);
    }
    // and never a transcode without a profile
    expect(resOf(render(['movies/f/2'], { profile: null })[0])).toHaveLength(1);
  });

  it('writes an unprobed file with what is known, and escapes every value', () => {
    const [unprobed, heat] = render(['movies/f/8', 'movies/f/7']);
    expect(resOf(unprobed)).toEqual([
      {
        '@_protocolInfo':
          'http-get:*:video/x-msvideo:DLNA.ORG_OP=01;DLNA.ORG_CI=0;DLNA.ORG_FLAGS=01700000000000000000000000000000',
        '@_size': '1000000008',
        '#text': `${BASE}/dlna/media/8`,
      },
    ]);
    expect(unprobed['dc:date']).toBeUndefined();
    expect(heat['dc:title']).toBe('Heat & Dust <1983>');
    expect(resOf(heat)[0]['@_protocolInfo']).toContain('video/mpeg:DLNA.ORG_PN=MPEG_TS_HD_NA_ISO;');
    const raw = didlLite([node('movies/f/7')], context());
    expect(raw).toContain('<dc:title>Heat &amp; Dust &lt;1983&gt;</dc:title>');
    const quoted = buildContentTree(
      [{ ...realisticIndex()[0], item: { id: 1, type: 'movie', title: `Say "hi" & 'bye'`, year: null } }],
      DEFAULT_SOURCES,
    );
    const text = didlLite([quoted.find('movies/f/1')!], context());
    expect(parseDidl(text).objects[0]['dc:title']).toBe(`Say "hi" & 'bye'`);
  });

  it('writes episode numbers and the series title', () => {
    const [episode] = render(['series/20/s1/f/5']);
    expect(episode).toMatchObject({
      '@_parentID': 'series/20/s1',
      'dc:title': "S01E02-E03 · Cat's in the Bag",
      'upnp:class': 'object.item.videoItem',
      'upnp:seriesTitle': 'Breaking Bad',
      'upnp:episodeSeason': '1',
      'upnp:episodeNumber': '2',
    });
  });

  it('points Samsung TVs at the text subtitle as SRT (sec:CaptionInfoEx), never at a picture one', () => {
    const samsung = quirks({ name: 'samsung', deviceProfile: 'samsung-tv', samsungCaptions: true });
    const [episode, alien] = render(['series/20/s1/f/4', 'movies/f/1'], { client: samsung, profile: profile('samsung-tv') });
    expect(episode['sec:CaptionInfoEx']).toEqual({ '@_sec:type': 'srt', '#text': `${BASE}/dlna/subtitle/4/3.srt` });
    expect(alien['sec:CaptionInfoEx']).toBeUndefined();
    // not for other renderers
    expect(render(['series/20/s1/f/4'])[0]['sec:CaptionInfoEx']).toBeUndefined();
  });

  it('leaves DLNA.ORG_PN out for renderers that break on it', () => {
    const xml = didlLite(
      ['movies/f/1', 'movies/f/2', 'movies/f/7'].map(node),
      context({ client: quirks({ omitDlnaProfileName: true }) }),
    );
    expect(xml).not.toContain('DLNA.ORG_PN');
    expect(xml).toContain('DLNA.ORG_OP=01');
  });

  it('adds album art with the JPEG_TN profile when a thumbnail exists', () => {
    const thumbnail = (fileId: number) => (fileId === 1 ? '/dlna/thumb/1.jpg' : null);
    const [alien, bladeRunner] = render(['movies/f/1', 'movies/f/2'], { thumbnail });
    expect(alien['upnp:albumArtURI']).toEqual({ '@_dlna:profileID': 'JPEG_TN', '#text': `${BASE}/dlna/thumb/1.jpg` });
    expect(bladeRunner['upnp:albumArtURI']).toBeUndefined();
  });

  it('honours the filter: required properties always, others only when asked', () => {
    const [alien] = render(['movies/f/1'], { filter: parseFilter('dc:title,res@size') });
    expect(alien).toEqual({
      '#kind': 'item',
      '@_id': 'movies/f/1',
      '@_parentID': 'movies',
      '@_restricted': '1',
      'dc:title': 'Alien',
      'upnp:class': 'object.item.videoItem.movie',
      res: {
        '@_protocolInfo': expect.stringContaining('http-get:*:video/mp4:'),
        '@_size': '1000000001',
        '#text': `${BASE}/dlna/media/1`,
      },
    });
    const [bare, movies] = render(['movies/f/1', 'movies'], { filter: parseFilter('') });
    expect(Object.keys(bare).sort()).toEqual(['#kind', '@_id', '@_parentID', '@_restricted', 'dc:title', 'upnp:class']);
    expect(movies['@_childCount']).toBeUndefined();
    const [withCount] = render(['movies'], { filter: parseFilter('dc:title, @childCount') });
    expect(withCount['@_childCount']).toBe('5');
    expect(withCount['@_searchable']).toBeUndefined();
    const [dated] = render(['movies/f/1'], { filter: parseFilter('dc:date,res,upnp:episodeNumber') });
    expect(dated['dc:date']).toBe('1979-01-01');
    expect(Object.keys(resOf(dated)[0])).toEqual(['@_protocolInfo', '#text']);
  });

  it('writes one object per node, containers and items mixed, in the given order', () => {
    const root = snapshot.root as ContainerNode;
    const objects = render([...root.children.map((c) => c.id), 'movies/f/1']);
    expect(objects.map((o) => [o['#kind'], o['@_id']])).toEqual([
      ['container', 'movies'],
      ['container', 'series'],
      ['container', 'recent'],
      ['container', 'folders'],
      ['item', 'movies/f/1'],
    ]);
  });
});
