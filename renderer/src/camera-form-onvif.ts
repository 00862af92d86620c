// Settings → Cameras → Find cameras on the network: from an ONVIF camera (WS-Discovery or a typed address, then its
// media profiles) to the filled-in add form. Pure: labels, which profile is main and which sub, the probe target.
import type { OnvifProbeResult, OnvifProbeTarget, OnvifProfile } from './api/camera-settings';
import { emptyCameraForm, type CameraForm } from './camera-form';

/** "Mainstream · H264 1920×1080 · 25 fps" */
export function profileLabel(p: OnvifProfile): string {
  const parts = [p.name || p.token];
  const video = [p.codec, p.width && p.height ? `${p.width}×${p.height}` : null].filter(Boolean).join(' ');
  if (video) parts.push(video);
  if (p.fps) parts.push(`${p.fps} fps`);
  return parts.join(' · ');
}

/** The profiles by size (those with a stream): the biggest is the main stream, the smallest other one the sub-stream. */
export function pickStreams(profiles: readonly OnvifProfile[]): { main: string | null; sub: string | null } {
  const bySize = profiles
    .filter((p) => p.streamUrl)
    .sort((a, b) => (b.width ?? 0) * (b.height ?? 0) - (a.width ?? 0) * (a.height ?? 0));
  const main = bySize[0]?.token ?? null;
  const sub = bySize.length > 1 ? bySize[bySize.length - 1].token : null;
  return { main, sub };
}

/** A typed address as the probe's target: a URL is the device service; "host" or "host:port" lets the engine find it. */
export function probeTarget(text: string): OnvifProbeTarget | null {
  const t = text.trim();
  if (/^https?:\/\//i.test(t)) return { xaddr: t };
  const m = /^([\w.-]+|\[[\da-f:]+\])(?::(\d{1,5}))?$/i.exec(t);
  if (!m) return null;
  const host = m[1].replace(/^\[|\]$/g, '');
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return null;
  return port === undefined ? { host } : { host, port };
}

/** The add form filled from an ONVIF camera: its chosen profiles' stream URLs, the credentials typed, its address kept. */
export function formFromOnvif(input: {
  deviceName: string | null;
  probe: OnvifProbeResult;
  main: string;
  sub: string | null;
  username: string;
  password: string;
}): CameraForm {
  const { probe } = input;
  const mainProfile = probe.profiles.find((p) => p.token === input.main);
  const subProfile = probe.profiles.find((p) => p.token === input.sub && p.token !== input.main);
  return {
    ...emptyCameraForm(),
    name: input.deviceName?.trim() || [probe.manufacturer, probe.model].filter(Boolean).join(' ') || 'Camera',
    url: mainProfile?.streamUrl ?? '',
    subUrl: subProfile?.streamUrl ?? '',
    username: input.username.trim(),
    password: input.password,
    // a camera that sends its own events is usually set up for event recording
    mode: probe.events ? 'events' : 'continuous',
    onvifXaddr: probe.xaddr,
  };
}
