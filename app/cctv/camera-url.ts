/**
 * RTSP URLs and their credentials: split a URL's userinfo off (it goes to the secret store, the URL without it to
 * SQLite), put credentials back in for ffmpeg, and redact any URL before it reaches a log or an error message.
 */
import { UserError } from '../core/user-error.js';

export interface CameraCredentials {
  username: string;
  password: string;
}

export interface SplitUrl {
  /** the URL with no userinfo */
  url: string;
  credentials: CameraCredentials | null;
}

const SCHEMES = new Set(['rtsp:', 'rtsps:']);

/** Splits `rtsp://user:pass@host/path` into the bare URL and its credentials; `field` names the input in errors. */
export function splitCameraUrl(raw: string, field = 'url'): SplitUrl {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new UserError(`${field}: not a valid URL (expected rtsp://host[:port]/path)`);
  }
  if (!SCHEMES.has(parsed.protocol)) {
    throw new UserError(`${field}: only rtsp:// and rtsps:// URLs are supported (got ${parsed.protocol.replace(/:$/, '')})`);
  }
  if (!parsed.hostname) throw new UserError(`${field}: the URL names no host`);
  const credentials =
    parsed.username || parsed.password
      ? { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) }
      : null;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), credentials };
}

/** The URL ffmpeg opens: the bare URL with the credentials put back (percent-encoded). */
export function urlWithCredentials(url: string, credentials: CameraCredentials | null): string {
  if (!credentials) return url;
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(credentials.username);
  parsed.password = encodeURIComponent(credentials.password);
  return parsed.toString();
}

/** Hides any password in a text that may hold RTSP URLs (ffmpeg's stderr, an error): rtsp://user:***@host. */
export function redactUrls(text: string): string {
  return text.replace(/\b(rtsps?:\/\/)([^\s/@:]*)(?::[^\s/@]*)?@/gi, (_m, scheme: string, user: string) =>
    user ? `${scheme}${user}:***@` : `${scheme}***@`,
  );
}
