import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { ffmpegPidsMentioning, isAlive } from '../../e2e/support/processes.js';
import { probeFile } from '../../native/ffprobe.js';
import { makeDirectPlayMp4, makeMultiTrackMkv } from '../stream/media-sources.test-support.js';
import { CONTENT_DIRECTORY_TYPE, DLNA_PATHS } from './dlna-types.js';
import { catalogue, request, soap, startServer, tools, type ServerHandle, type TestLibrary } from './dlna-server.test-support.js';

const SAMSUNG = 'DLNADOC/1.50 SEC_HHP_[TV] Samsung Q7 Series (55)/1.0 UPnP/1.0';
const didlParser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (n) => n === 'res',
});

let dir: string;
let library: TestLibrary;
let handle: ServerHandle;
let base: string;
let alpha: string;
let beta: string;
let gamma: string;

/** MPEG-4 Part 2 video at 1080p in Matroska: nothing dlna-generic plays, and slow enough to encode that it is still running
 * when a test hangs up. */
function makeMpeg4Mkv(file: string, seconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      tools().ffmpeg,
      [
        '-v',
        'error',
        '-nostdin',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=1920x1080:rate=25',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440:sample_rate=48000',
        '-t',
        String(seconds),
        '-c:v',
        'mpeg4',
        '-q:v',
        '6',
        '-g',
        '25',
        '-c:a',
        'aac',
        file,
      ],
      { timeout: 120_000 },
      (err, _stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(file)),
    );
  });
}

beforeAll(async () => {
  dir = tempDir('dlna-media');
  const root = path.join(dir, 'media');
  alpha = await makeDirectPlayMp4(path.join(root, 'alpha.mp4'), { seconds: 4 });
  beta = await makeMultiTrackMkv(path.join(root, 'beta.mkv'), { seconds: 3 });
  gamma = await makeMpeg4Mkv(path.join(root, 'gamma-transcode-me.mkv'), 12);
  library = await catalogue(root, [
    { title: 'Alpha', path: alpha },
    { title: 'Beta', path: beta },
    { title: 'Gamma', path: gamma },
  ]);
  handle = await startServer(library, dir);
  base = handle.baseUrl;
}, 180_000);

afterAll(async () => {
  await handle?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a library file as it is', () => {
  it('answers HEAD with its length, type and DLNA transfer mode, and no body', async () => {
    const answer = await request(base + DLNA_PATHS.media(1), { method: 'HEAD' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('video/mp4');
    expect(Number(answer.headers['content-length'])).toBe(fs.statSync(alpha).size);
    expect(answer.headers['accept-ranges']).toBe('bytes');
    expect(answer.headers['transfermode.dlna.org']).toBe('Streaming');
    expect(answer.headers['contentfeatures.dlna.org']).toBeUndefined();
    expect(answer.body.length).toBe(0);
  });

  it('sends the whole file, and exactly the bytes of one range (206)', async () => {
    const bytes = fs.readFileSync(alpha);
    const whole = await request(base + DLNA_PATHS.media(1));
    expect(whole.status).toBe(200);
    expect(whole.body.equals(bytes)).toBe(true);
    const middle = await request(base + DLNA_PATHS.media(1), { headers: { Range: 'bytes=1000-2999' } });
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 1000-2999/${bytes.length}`);
    expect(middle.body.equals(bytes.subarray(1000, 3000))).toBe(true);
    const tail = await request(base + DLNA_PATHS.media(1), { headers: { Range: 'bytes=-500' } });
    expect(tail.body.equals(bytes.subarray(bytes.length - 500))).toBe(true);
    const open = await request(base + DLNA_PATHS.media(1), { headers: { Range: `bytes=${bytes.length - 10}-` } });
    expect(open.body.equals(bytes.subarray(bytes.length - 10))).toBe(true);
  });

  it('answers an unsatisfiable or multiple range with 416', async () => {
    const size = fs.statSync(alpha).size;
    for (const range of [`bytes=${size}-`, `bytes=${size + 100}-${size + 200}`, 'bytes=0-10,20-30', 'items=0-5']) {
      const answer = await request(base + DLNA_PATHS.media(1), { headers: { Range: range } });
      expect(answer.status, range).toBe(416);
      expect(answer.headers['content-range']).toBe(`bytes */${size}`);
    }
  });

  it('answers contentFeatures when asked, agreeing with the DIDL-Lite protocolInfo the same TV was given', async () => {
    const headers = { 'User-Agent': SAMSUNG, 'getcontentFeatures.dlna.org': '1', 'transferMode.dlna.org': 'Streaming' };
    for (const fileId of [1, 2]) {
      const answer = await request(base + DLNA_PATHS.media(fileId), { method: 'HEAD', headers });
      const features = String(answer.headers['contentfeatures.dlna.org']);
      expect(features).toContain('DLNA.ORG_OP=01;DLNA.ORG_CI=0;DLNA.ORG_FLAGS=01700000000000000000000000000000');
      const search = await soap(
        base + DLNA_PATHS.control.cds,
        CONTENT_DIRECTORY_TYPE,
        'Search',
        { ContainerID: '0', SearchCriteria: `dc:title = "${fileId === 1 ? 'Alpha' : 'Beta'}"` },
        { 'User-Agent': SAMSUNG },
      );
      const item = didlParser.parse(search.out.Result)['DIDL-Lite'].item;
      const first = (Array.isArray(item) ? item[0] : item).res[0];
      const [, , mime, fourth] = String(first['@_protocolInfo']).split(':');
      expect(features).toBe(fourth);
      expect(answer.headers['content-type']).toBe(mime);
    }
  });

  it('gives a Samsung TV the subtitle URL (CaptionInfo.sec) and the duration (MediaInfo.sec), then the SubRip itself', async () => {
    const answer = await request(base + DLNA_PATHS.media(2), {
      method: 'HEAD',
      headers: { 'User-Agent': SAMSUNG, 'getCaptionInfo.sec': '1', 'getMediaInfo.sec': '1' },
    });
    expect(answer.headers['content-type']).toBe('video/x-matroska');
    expect(answer.headers['captioninfo.sec']).toBe(base + DLNA_PATHS.subtitle(2, 3));
    expect(answer.headers['mediainfo.sec']).toMatch(/^SEC_Duration=3\d{3};$/);
    const srt = await request(String(answer.headers['captioninfo.sec']), { headers: { 'User-Agent': SAMSUNG } });
    expect(srt.status).toBe(200);
    expect(srt.headers['content-type']).toBe('smi/caption');
    expect(srt.headers['transfermode.dlna.org']).toBe('Interactive');
    // (Matroska starts the streams a few milliseconds in)
    expect(srt.text).toMatch(/^1\r?\n00:00:00,0\d\d --> 00:00:00,9\d\d\r?\nLine 1/);
    // a file without a text subtitle has no CaptionInfo.sec; a stream that is not one is not served
    const none = await request(base + DLNA_PATHS.media(1), { method: 'HEAD', headers: { 'getCaptionInfo.sec': '1' } });
    expect(none.headers['captioninfo.sec']).toBeUndefined();
    expect((await request(base + DLNA_PATHS.subtitle(2, 1))).status).toBe(404);
    expect((await request(base + DLNA_PATHS.subtitle(1, 3))).status).toBe(404);
  });

  it('serves only files the library knows', async () => {
    expect((await request(base + DLNA_PATHS.media(99))).status).toBe(404);
    expect((await request(base + '/dlna/media/0')).status).toBe(404);
    expect((await request(`${base}/dlna/media/1/../../../etc/passwd`)).status).toBe(404);
  });
});

/** Reads a transcoded answer to a file and ffprobes it. */
async function fetchTranscode(url: string, headers: Record<string, string> = {}) {
  const answer = await request(url, { headers });
  const file = path.join(dir, `out-${Date.now()}-${Math.random().toString(36).slice(2)}.ts`);
  fs.writeFileSync(file, answer.body);
  return { answer, probe: answer.status === 200 ? await probeFile(tools().ffprobe, file) : null };
}

describe('a transcoded stream', () => {
  it('remuxes what only needs another container into valid MPEG-TS', async () => {
    const { answer, probe } = await fetchTranscode(base + DLNA_PATHS.transcoded(2, 'dlna-generic'), {
      'getcontentFeatures.dlna.org': '1',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('video/mpeg');
    expect(answer.headers['contentfeatures.dlna.org']).toContain('DLNA.ORG_OP=10;DLNA.ORG_CI=1');
    expect(answer.body[0]).toBe(0x47);
    expect(probe!.container).toBe('mpegts');
    expect(probe!.video?.codec).toBe('h264');
    expect(probe!.audio.map((a) => a.codec)).toEqual(['aac']);
    expect(probe!.durationSec).toBeGreaterThan(2.5);
  });

  it('encodes what the TV cannot play, from a time-seek point', async () => {
    const { answer, probe } = await fetchTranscode(base + DLNA_PATHS.transcoded(3, 'dlna-generic'), {
      'TimeSeekRange.dlna.org': 'npt=10.0-',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['timeseekrange.dlna.org']).toMatch(/^npt=0:00:10\.000-0:00:12\.\d{3}\/0:00:12\.\d{3}$/);
    expect(probe!.container).toBe('mpegts');
    expect(probe!.video).toMatchObject({ codec: 'h264', width: 1920, height: 1080 });
    // the TV plays AAC: copied as it is
    expect(probe!.audio.map((a) => a.codec)).toEqual(['aac']);
    expect(probe!.durationSec).toBeGreaterThan(1.5);
    expect(probe!.durationSec).toBeLessThan(3.5);
  });

  it('answers HEAD without starting ffmpeg, and refuses bad seeks and unknown profiles', async () => {
    const head = await request(base + DLNA_PATHS.transcoded(3, 'dlna-generic'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('video/mpeg');
    expect(ffmpegPidsMentioning(gamma)).toEqual([]);
    const url = base + DLNA_PATHS.transcoded(3, 'dlna-generic');
    expect((await request(url, { headers: { 'TimeSeekRange.dlna.org': 'npt=soon-' } })).status).toBe(400);
    expect((await request(url, { headers: { 'TimeSeekRange.dlna.org': 'npt=3600-' } })).status).toBe(416);
    expect((await request(base + DLNA_PATHS.transcoded(3, 'toaster'))).status).toBe(404);
    expect((await request(base + DLNA_PATHS.transcoded(99, 'dlna-generic'))).status).toBe(404);
  });

  it('kills ffmpeg when the renderer hangs up, and holds at most N transcodes at once', async () => {
    const limited = await startServer(library, dir, { maxTranscodes: 1 });
    try {
      const url = `${limited.baseUrl}${DLNA_PATHS.transcoded(3, 'dlna-generic')}`;
      const { req, firstBytes } = openStream(url);
      expect((await firstBytes)[0]).toBe(0x47);
      const pids = ffmpegPidsMentioning(gamma);
      expect(pids).toHaveLength(1);
      expect(limited.server.activeTranscodes).toBe(1);

      const busy = await request(url);
      expect(busy.status).toBe(503);
      expect(busy.headers['retry-after']).toBeDefined();

      req.destroy();
      await waitUntil(() => !isAlive(pids[0]) && limited.server.activeTranscodes === 0, 'ffmpeg to be killed');
      expect(ffmpegPidsMentioning(gamma)).toEqual([]);
      // the slot is free again
      const again = await request(url, { headers: { 'TimeSeekRange.dlna.org': 'npt=11.5-' } });
      expect(again.status).toBe(200);
    } finally {
      await limited.close();
    }
    expect(ffmpegPidsMentioning(gamma)).toEqual([]);
  });

  it('ends every transcode when the server closes', async () => {
    const closing = await startServer(library, dir);
    const { req, firstBytes } = openStream(`${closing.baseUrl}${DLNA_PATHS.transcoded(3, 'dlna-generic')}`);
    req.on('error', () => undefined);
    await firstBytes;
    const [pid] = ffmpegPidsMentioning(gamma);
    expect(pid).toBeDefined();
    await closing.close();
    await waitUntil(() => !isAlive(pid), 'ffmpeg to end with the server');
  });
});

/** A GET that stops reading after the first chunk (a TV that buffers), so ffmpeg is still busy. */
function openStream(url: string): { req: http.ClientRequest; firstBytes: Promise<Buffer> } {
  let req!: http.ClientRequest;
  const firstBytes = new Promise<Buffer>((resolve, reject) => {
    req = http.get(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      res.once('data', (chunk: Buffer) => {
        res.pause();
        resolve(chunk);
      });
    });
    req.on('error', reject);
  });
  return { req, firstBytes };
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
