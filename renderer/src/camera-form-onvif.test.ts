import { describe, expect, it } from 'vitest';
import type { OnvifProbeResult, OnvifProfile } from './api/camera-settings';
import { createBody, fromCameraForm } from './camera-form';
import { formFromOnvif, pickStreams, probeTarget, profileLabel } from './camera-form-onvif';

describe('ONVIF: a found camera into the add form', () => {
  const profile = (
    token: string,
    width: number | null,
    height: number | null,
    extra: Partial<OnvifProfile> = {},
  ): OnvifProfile => ({
    token,
    name: token,
    streamUrl: `rtsp://10.0.0.9/${token}`,
    snapshotUrl: null,
    width,
    height,
    codec: 'H264',
    fps: 25,
    ...extra,
  });
  const probe: OnvifProbeResult = {
    manufacturer: 'Acme',
    model: 'Cam 2',
    firmware: null,
    serial: null,
    hardwareId: null,
    profiles: [profile('sub', 640, 360), profile('main', 1920, 1080), profile('third', 1280, 720)],
    events: true,
    xaddr: 'http://10.0.0.9/onvif/device_service',
  };

  it('the biggest profile is the main stream, the smallest the sub-stream', () => {
    expect(pickStreams(probe.profiles)).toEqual({ main: 'main', sub: 'sub' });
    expect(pickStreams([profile('only', 1280, 720)])).toEqual({ main: 'only', sub: null });
    expect(pickStreams([])).toEqual({ main: null, sub: null });
    expect(pickStreams([profile('a', null, null), profile('b', 640, 480)])).toEqual({ main: 'b', sub: 'a' });
    // a profile without an RTSP address can't be recorded
    expect(pickStreams([profile('big', 1920, 1080, { streamUrl: null }), profile('small', 640, 360)])).toEqual({
      main: 'small',
      sub: null,
    });
  });

  it('labels profiles', () => {
    expect(profileLabel(profile('main', 1920, 1080))).toBe('main · H264 1920×1080 · 25 fps');
    expect(profileLabel(profile('x', null, null, { codec: null, fps: null, name: '' }))).toBe('x');
  });

  it.each([
    ['10.0.0.9', { host: '10.0.0.9' }],
    [' 10.0.0.9:8080 ', { host: '10.0.0.9', port: 8080 }],
    ['cam.local', { host: 'cam.local' }],
    ['[fe80::1]:80', { host: 'fe80::1', port: 80 }],
    ['http://10.0.0.9:2020/onvif/device_service', { xaddr: 'http://10.0.0.9:2020/onvif/device_service' }],
    ['10.0.0.9:70000', null],
    ['not an address!', null],
    ['', null],
  ])('address %j → %j', (text, target) => {
    expect(probeTarget(text)).toEqual(target);
  });

  it('fills the form: streams, credentials, the device address; events mode when it sends events', () => {
    const form = formFromOnvif({
      deviceName: null,
      probe,
      main: 'main',
      sub: 'sub',
      username: ' admin ',
      password: 'pw',
    });
    expect(form).toMatchObject({
      name: 'Acme Cam 2',
      url: 'rtsp://10.0.0.9/main',
      subUrl: 'rtsp://10.0.0.9/sub',
      username: 'admin',
      password: 'pw',
      mode: 'events',
      onvifXaddr: 'http://10.0.0.9/onvif/device_service',
    });
    const r = fromCameraForm(form);
    expect(r.ok && createBody(r, form.onvifXaddr).onvif).toEqual({ xaddr: 'http://10.0.0.9/onvif/device_service' });
  });

  it('a sub-stream the same as the main one is no sub-stream; no events → continuous', () => {
    const form = formFromOnvif({
      deviceName: 'Porch',
      probe: { ...probe, events: false },
      main: 'main',
      sub: 'main',
      username: '',
      password: '',
    });
    expect(form).toMatchObject({ name: 'Porch', subUrl: '', mode: 'continuous' });
  });
});
