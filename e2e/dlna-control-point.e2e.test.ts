// The media server as a TV meets it: the real `racoon serve --dlna-interface lo`, found and browsed by Debian's GUPnP
// control point (a third-party UPnP stack, through /usr/bin/python3), then a file fetched as a renderer does, a
// library change seen in SystemUpdateID, and the settings API restarting it under a new name.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInForToken } from './support/e2e-stage.js';
import { makeClip, makeMediaTree, tempDir, type MediaTree } from './support/media-fixtures.js';
import { REPO_ROOT, startRacoon, stopAllRacoons, type RacoonProcess } from './support/racoon-process.js';
import { browse, cdsAction, contentDirectoryControlUrl, parseDidl } from './support/upnp-client.js';

const execFileAsync = promisify(execFile);
const PASSWORD = 'e2e correct horse';
const CONTROL_POINT = path.join(REPO_ROOT, 'e2e', 'support', 'upnp-control-point.py');

interface ControlPointObject {
  id: string;
  parentID: string;
  title: string;
  class: string;
  container: boolean;
  childCount?: number;
  res: Array<{ uri: string; protocolInfo: string; size: number }>;
}

interface ControlPointView {
  udn: string;
  friendlyName: string;
  location: string;
  controlURL: string;
  updateID: number;
  root: ControlPointObject[];
  objects: ControlPointObject[];
  error?: string;
}

/** Debian's GUPnP discovers the server on lo (SSDP) and browses it; its JSON view of what it found. */
async function controlPointView(udn: string): Promise<ControlPointView> {
  const { stdout } = await execFileAsync(
    '/usr/bin/python3',
    [CONTROL_POINT, 'lo', '--udn', udn, '--depth', '4', '--timeout', '20'],
    {
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout) as ControlPointView;
}

describe('DLNA media server with a real UPnP control point (racoon serve --dlna-interface lo + GUPnP)', () => {
  let dir: string;
  let tree: MediaTree;
  let server: RacoonProcess;
  let token: string;
  let uuid: string;

  const api = async <T>(method: string, urlPath: string, body?: unknown): Promise<T> => {
    const res = await fetch(new URL(`api/v1${urlPath}`, server.url), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status, `${method} ${urlPath}`).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    dir = tempDir('e2e-dlna');
    tree = makeMediaTree(path.join(dir, 'media'));
    server = await startRacoon({
      dataDir: path.join(dir, 'data'),
      mediaDirs: [tree.root],
      adminPassword: PASSWORD,
      extraArgs: ['--dlna-interface', 'lo'],
    });
    token = await signInForToken(server.url, PASSWORD);
  });

  afterAll(async () => {
    await stopAllRacoons();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serve says where the media server answers, and the settings API agrees', async () => {
    expect(server.output()).toMatch(/DLNA media server ".+" on lo 127\.0\.0\.1, port \d+/);
    const { status } = await api<{ status: { running: boolean; uuid: string; interfaces: Array<{ name: string }> } }>(
      'GET',
      '/settings/dlna',
    );
    expect(status.running).toBe(true);
    expect(status.interfaces.map((i) => i.name)).toEqual(['lo']);
    uuid = status.uuid;
  });

  it('GUPnP finds it by SSDP and browses the tree a TV user expects, with playable res elements', async () => {
    // the scan runs in the background: wait until GUPnP sees every title
    let view: ControlPointView | null = null;
    for (let attempt = 0; attempt < 10; attempt++) {
      view = await controlPointView(`uuid:${uuid}`);
      if (
        !view.error &&
        view.objects.some((o) => o.title === 'Big Buck Test') &&
        view.objects.some((o) => o.title === 'Test Show')
      )
        break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(view?.error).toBeUndefined();
    const v = view!;
    expect(v.udn).toBe(`uuid:${uuid}`);
    expect(v.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dlna\/description\.xml$/);
    expect(v.root).toHaveLength(1);
    expect(v.root[0]).toMatchObject({ id: '0', container: true });
    const top = v.objects.filter((o) => o.parentID === '0').map((o) => o.title);
    expect(top).toEqual(expect.arrayContaining(['Movies', 'Series', 'Recently added', 'Folders']));

    const movie = v.objects.find((o) => o.title === 'Big Buck Test' && !o.container)!;
    expect(movie.class).toMatch(/^object\.item\.videoItem/);
    expect(movie.res[0].protocolInfo).toMatch(/^http-get:\*:video\/x-matroska:/);
    const series = v.objects.find((o) => o.title === 'Test Show' && o.container)!;
    const seasons = v.objects.filter((o) => o.parentID === series.id).map((o) => o.title);
    expect(seasons).toEqual(['Season 1', 'Season 2']);

    // a renderer fetches the file: HEAD, then a range, with DLNA's headers
    const url = movie.res[0].uri;
    const head = await fetch(url, { method: 'HEAD', headers: { 'getcontentFeatures.dlna.org': '1' } });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(fs.statSync(tree.movieFile).size);
    expect(head.headers.get('contentfeatures.dlna.org')).toMatch(/DLNA\.ORG_OP=01/);
    const range = await fetch(url, { headers: { range: 'bytes=0-1023' } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer())).toEqual(fs.readFileSync(tree.movieFile).subarray(0, 1024));
  });

  it('a new file in the library raises SystemUpdateID and appears in Browse', async () => {
    const { status } = await api<{ status: { port: number } }>('GET', '/settings/dlna');
    const control = await contentDirectoryControlUrl(`http://127.0.0.1:${status.port}/dlna/description.xml`);
    const before = Number((await cdsAction(control, 'GetSystemUpdateID', {})).Id);
    makeClip(path.join(tree.root, 'Movies', 'Late Arrival (2020)', 'Late Arrival (2020).mp4'), 2);
    await expect
      .poll(async () => Number((await cdsAction(control, 'GetSystemUpdateID', {})).Id), { timeout: 30_000, interval: 250 })
      .toBeGreaterThan(before);
    await expect
      .poll(async () => parseDidl((await browse(control, 'movies')).result).map((o) => o.title), { timeout: 30_000 })
      .toContain('Late Arrival');
  });

  it('every video has a thumbnail a TV can show (JPEG_TN, at most 160 px), made on first request', async () => {
    const { status } = await api<{ status: { port: number } }>('GET', '/settings/dlna');
    const control = await contentDirectoryControlUrl(`http://127.0.0.1:${status.port}/dlna/description.xml`);
    const didl = (await browse(control, 'movies')).result;
    const art = /<upnp:albumArtURI dlna:profileID="JPEG_TN">([^<]+)<\/upnp:albumArtURI>/.exec(didl)?.[1];
    expect(art).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dlna\/thumb\/\d+\.jpg$/);
    const res = await fetch(art!, { headers: { 'getcontentFeatures.dlna.org': '1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('contentfeatures.dlna.org')).toMatch(/^DLNA\.ORG_PN=JPEG_TN;/);
    const jpeg = Buffer.from(await res.arrayBuffer());
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    const file = path.join(dir, 'thumb.jpg');
    fs.writeFileSync(file, jpeg);
    const { stdout } = await execFileAsync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=width,height',
      '-of',
      'csv=p=0',
      file,
    ]);
    const [width, height] = stdout.trim().split(',').map(Number);
    expect(Math.max(width, height)).toBeLessThanOrEqual(160);
    expect(width).toBeGreaterThan(0);
  });

  it('renaming it in settings restarts it under the new name, with the same UUID', async () => {
    await api('PUT', '/settings/dlna', { friendlyName: 'Living Room Racoon', interfaces: ['lo'] });
    const view = await controlPointView(`uuid:${uuid}`);
    expect(view.friendlyName).toBe('Living Room Racoon');
  });
});
