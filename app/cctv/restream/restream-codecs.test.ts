import { describe, expect, it } from 'vitest';
import { restreamCodecPlan } from './restream-codecs.js';
import { isLoopback } from './restream-server.js';
import { cameraKey, itemKey, parseStreamKey } from './live-service.js';
import { redactRelayText } from './camera-relay.js';

describe('restreamCodecPlan: what ffmpeg does to each track on its way to FLV players', () => {
  it.each([
    // video, audio → video plan, audio plan
    ['h264', 'aac', 'copy', 'copy'],
    ['h264', null, 'copy', 'none'],
    ['h264', 'pcm_alaw', 'copy', 'encode'],
    ['h264', 'pcm_mulaw', 'copy', 'encode'],
    ['hevc', 'aac', 'encode', 'copy'],
    ['mjpeg', 'opus', 'encode', 'encode'],
    [null, 'aac', 'none', 'copy'],
  ] as const)('%s + %s → video %s, audio %s', (video, audio, videoPlan, audioPlan) => {
    const plan = restreamCodecPlan({ video, audio, fps: 15 });
    expect(plan.video).toBe(videoPlan);
    expect(plan.audio).toBe(audioPlan);
    expect(plan.reasons).toHaveLength(2);
  });

  it('copies H.264 and AAC as they are, mapping only the first tracks', () => {
    expect(restreamCodecPlan({ video: 'h264', audio: 'aac' }).args).toEqual([
      ...['-map', '0:v:0', '-c:v', 'copy', '-map', '0:a:0', '-c:a', 'copy'],
    ]);
  });

  it('encodes H.265 for low latency with a keyframe every two seconds of the source', () => {
    const plan = restreamCodecPlan({ video: 'hevc', audio: null, fps: 12.5 });
    expect(plan.args).toEqual([
      ...['-map', '0:v:0', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency'],
      ...['-pix_fmt', 'yuv420p', '-g', '25', '-an'],
    ]);
    expect(plan.reasons[0]).toMatch(/hevc encoded to H\.264/);
    // unknown frame rate: assume 25
    expect(restreamCodecPlan({ video: 'hevc', audio: null }).args).toContain('50');
  });

  it('G.711 audio becomes 44.1 kHz AAC', () => {
    const plan = restreamCodecPlan({ video: 'h264', audio: 'pcm_alaw' });
    expect(plan.args.slice(-8)).toEqual(['-map', '0:a:0', '-c:a', 'aac', '-b:a', '96k', '-ar', '44100']);
  });
});

describe('stream keys and publishers', () => {
  it('names and reads stream keys', () => {
    expect(cameraKey(3, 'main')).toBe('camera-3');
    expect(cameraKey(3, 'sub')).toBe('camera-3-sub');
    expect(itemKey(12)).toBe('item-12');
    expect(parseStreamKey('camera-3')).toEqual({ kind: 'camera', id: 3, stream: 'main' });
    expect(parseStreamKey('camera-3-sub')).toEqual({ kind: 'camera', id: 3, stream: 'sub' });
    expect(parseStreamKey('item-12')).toEqual({ kind: 'item', id: 12 });
    for (const key of ['camera-', 'camera-x', 'item-1-sub', 'cam-1', 'camera-1-main']) expect(parseStreamKey(key)).toBeNull();
  });

  it('accepts publishers from this machine only', () => {
    for (const ip of ['127.0.0.1:50000', '127.1.2.3:1', '::1:4000', '::ffff:127.0.0.1:4000'])
      expect(isLoopback(ip), ip).toBe(true);
    for (const ip of ['192.168.1.5:50000', '::ffff:10.0.0.2:1', 'fe80::1:22', '']) expect(isLoopback(ip), ip).toBe(false);
  });

  it('keeps camera passwords and publish signatures out of relay errors', () => {
    const text =
      'rtsp://admin:pw1@10.0.0.5/cam: Connection refused; rtmp://127.0.0.1:1935/live/camera-1?sign=1700000000-abcdef: Broken pipe';
    expect(redactRelayText(text)).toBe(
      'rtsp://admin:***@10.0.0.5/cam: Connection refused; rtmp://127.0.0.1:1935/live/camera-1?sign=***: Broken pipe',
    );
  });
});
