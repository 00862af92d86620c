import { describe, expect, it } from 'vitest';
import { redactUrls, splitCameraUrl, urlWithCredentials } from './camera-url.js';

describe('camera URLs: credentials split off, put back for ffmpeg, and redacted in text', () => {
  it('splits the userinfo off (percent-decoded) and keeps the rest of the URL', () => {
    expect(splitCameraUrl('rtsp://us%40er:p%3Ass@cam.local:554/Streaming/101?transport=tcp')).toEqual({
      url: 'rtsp://cam.local:554/Streaming/101?transport=tcp',
      credentials: { username: 'us@er', password: 'p:ss' },
    });
    expect(splitCameraUrl('rtsp://10.0.0.5/live')).toEqual({ url: 'rtsp://10.0.0.5/live', credentials: null });
    expect(splitCameraUrl('rtsps://admin@10.0.0.5/live').credentials).toEqual({ username: 'admin', password: '' });
  });

  it('refuses what is not an RTSP URL, naming the field', () => {
    expect(() => splitCameraUrl('http://10.0.0.5/live')).toThrow(/^url: only rtsp/);
    expect(() => splitCameraUrl('10.0.0.5/live', 'subUrl')).toThrow(/^subUrl: not a valid URL/);
  });

  it('puts credentials back encoded, so a password with @ or : still reaches the camera', () => {
    const url = urlWithCredentials('rtsp://cam:554/a', { username: 'a@b', password: 'p:w/x' });
    expect(url).toBe('rtsp://a%40b:p%3Aw%2Fx@cam:554/a');
    expect(splitCameraUrl(url).credentials).toEqual({ username: 'a@b', password: 'p:w/x' });
    expect(urlWithCredentials('rtsp://cam/a', null)).toBe('rtsp://cam/a');
  });

  it('redacts passwords in any text', () => {
    expect(redactUrls('Could not open rtsp://admin:hunter2@10.0.0.5:554/live: 401')).toBe(
      'Could not open rtsp://admin:***@10.0.0.5:554/live: 401',
    );
    expect(redactUrls('rtsp://10.0.0.5/live and RTSP://:pw@h/x')).toBe('rtsp://10.0.0.5/live and RTSP://***@h/x');
  });
});
