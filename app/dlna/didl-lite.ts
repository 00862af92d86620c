/**
 * DIDL-Lite: the XML a ContentDirectory answers Browse and Search with. Pure: tree objects + who asks (base URL,
 * renderer quirks, device profile, filter) → XML text. Every value goes through escapeXml.
 */
import { decidePlayback } from '../stream/playback-decision.js';
import type { DeviceProfile, PlaybackDecision } from '../stream/playback-types.js';
import { containerName } from '../stream/container-names.js';
import type { ContainerNode, FileFacts, ItemNode, TreeNode } from './content-tree.js';
import { dlnaProfileName, formatDuration, mimeTypeOf, protocolInfo } from './dlna-media-format.js';
import { captionSubtitle, fileProfileName } from './dlna-protocol-info.js';
import { DLNA_PATHS, type RendererQuirks } from './dlna-types.js';
import { escapeXml } from './xml-escape.js';

export const DIDL_OPEN =
  '<DIDL-Lite xmlns="urn:schemas-upnp-org:metadata-1-0/DIDL-Lite/" xmlns:dc="http://purl.org/dc/elements/1.1/"' +
  ' xmlns:upnp="urn:schemas-upnp-org:metadata-1-0/upnp/" xmlns:dlna="urn:schemas-dlna-org:metadata-1-0/"' +
  ' xmlns:sec="http://www.sec.co.kr/">';
export const DIDL_CLOSE = '</DIDL-Lite>';

/** Which optional properties to write: "*" = all; id, parentID, restricted, dc:title, upnp:class always. */
export interface DidlFilter {
  has(property: string): boolean;
}

export function parseFilter(filter: string): DidlFilter {
  const names = new Set(
    filter
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );
  if (names.has('*')) return { has: () => true };
  // an attribute asked for brings its element along (res@size → res); container@x and @x name the same attribute
  const elements = new Set([...names].map((name) => name.split('@')[0]).filter(Boolean));
  return {
    has(property) {
      if (names.has(property)) return true;
      if (property.startsWith('@')) return names.has(`container${property}`) || names.has(`item${property}`);
      return !property.includes('@') && elements.has(property);
    },
  };
}

export interface DidlContext {
  /** "http://<address the renderer reached>:<port>" */
  baseUrl: string;
  client: RendererQuirks;
  /** the renderer's device profile: a file it can't play as it is gets a transcoded res as well; null = never */
  profile: DeviceProfile | null;
  filter: DidlFilter;
  /** a thumbnail's path on the DLNA server (or an absolute URL), when the file has one */
  thumbnail?: (fileId: number) => string | null;
}

/** One DIDL-Lite document holding `objects`. */
export function didlLite(objects: readonly TreeNode[], context: DidlContext): string {
  let xml = DIDL_OPEN;
  for (const node of objects) xml += node.kind === 'container' ? containerXml(node, context) : itemXml(node, context);
  return xml + DIDL_CLOSE;
}

const attr = (name: string, value: string | number) => ` ${name}="${escapeXml(value)}"`;
const element = (name: string, value: string | number) => `<${name}>${escapeXml(value)}</${name}>`;

function containerXml(node: ContainerNode, { filter }: DidlContext): string {
  let xml = `<container${attr('id', node.id)}${attr('parentID', node.parentId)} restricted="1"`;
  if (filter.has('@searchable')) xml += ' searchable="1"';
  if (filter.has('@childCount')) xml += attr('childCount', node.children.length);
  xml += `>${element('dc:title', node.title)}${element('upnp:class', node.upnpClass)}`;
  return xml + '</container>';
}

function itemXml(node: ItemNode, context: DidlContext): string {
  const { filter, baseUrl, client } = context;
  const { file } = node;
  const { entry } = file;
  let xml = `<item${attr('id', node.id)}${attr('parentID', node.parentId)} restricted="1">`;
  xml += element('dc:title', node.title) + element('upnp:class', node.upnpClass);
  if (file.date && filter.has('dc:date')) xml += element('dc:date', file.date);
  if (file.episode) {
    if (filter.has('upnp:seriesTitle')) xml += element('upnp:seriesTitle', file.episode.seriesTitle);
    if (filter.has('upnp:episodeSeason')) xml += element('upnp:episodeSeason', file.episode.season);
    if (filter.has('upnp:episodeNumber')) xml += element('upnp:episodeNumber', file.episode.number);
  }
  const thumbnail = context.thumbnail?.(entry.fileId) ?? null;
  if (thumbnail && filter.has('upnp:albumArtURI')) {
    xml += `<upnp:albumArtURI dlna:profileID="JPEG_TN">${escapeXml(absolute(baseUrl, thumbnail))}</upnp:albumArtURI>`;
  }
  if (filter.has('res')) {
    xml += originalRes(file, context);
    const decision = transcodeDecision(file, context.profile);
    if (decision && context.profile) xml += transcodedRes(file, decision, context.profile, context);
  }
  const caption = client.samsungCaptions ? captionSubtitle(file.entry.probe) : null;
  if (caption && (filter.has('sec:CaptionInfoEx') || filter.has('sec:CaptionInfo'))) {
    const url = absolute(baseUrl, DLNA_PATHS.subtitle(entry.fileId, caption.index));
    xml += `<sec:CaptionInfoEx sec:type="srt">${escapeXml(url)}</sec:CaptionInfoEx>`;
  }
  return xml + '</item>';
}

const absolute = (baseUrl: string, pathOrUrl: string) => (/^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : baseUrl + pathOrUrl);

function originalRes(file: FileFacts, { filter, baseUrl, client }: DidlContext): string {
  const { entry } = file;
  const probe = entry.probe;
  const container = containerName(probe?.container ?? '', entry.path);
  const video = probe?.video ?? null;
  const audio = probe ? (probe.audio.find((a) => a.isDefault) ?? probe.audio[0] ?? null) : null;
  // the same profile name the media responder's contentFeatures header gives, so the two never disagree
  const pn = client.omitDlnaProfileName || !probe ? null : fileProfileName(entry.path, probe);
  let xml = `<res${attr('protocolInfo', protocolInfo({ mime: mimeTypeOf(container), profileName: pn, transcoded: false }))}`;
  if (filter.has('res@size')) xml += attr('size', entry.size);
  const duration = probe?.durationSec ?? null;
  if (duration && filter.has('res@duration')) xml += attr('duration', formatDuration(duration));
  if (video?.width && video.height && filter.has('res@resolution')) xml += attr('resolution', `${video.width}x${video.height}`);
  // UPnP's bitrate is in bytes per second
  const bitsPerSecond = wholeBitrate(file);
  if (bitsPerSecond && filter.has('res@bitrate')) xml += attr('bitrate', Math.round(bitsPerSecond / 8));
  if (audio?.channels && filter.has('res@nrAudioChannels')) xml += attr('nrAudioChannels', audio.channels);
  if (audio?.sampleRate && filter.has('res@sampleFrequency')) xml += attr('sampleFrequency', audio.sampleRate);
  return `${xml}>${escapeXml(baseUrl + DLNA_PATHS.media(entry.fileId))}</res>`;
}

/** The file's bits per second: ffprobe's, else size over duration; null when neither is known. */
function wholeBitrate({ entry }: FileFacts): number | null {
  const duration = entry.probe?.durationSec;
  return entry.probe?.bitRate || (duration ? (entry.size * 8) / duration : null);
}

/** The playback decision when the renderer can't take the file as it is; null when it can (or nothing would help). */
export function transcodeDecision(file: FileFacts, profile: DeviceProfile | null): PlaybackDecision | null {
  const probe = file.entry.probe;
  if (!profile || !probe?.video) return null;
  try {
    const decision = decidePlayback({ path: file.entry.path, size: file.entry.size, probe }, profile);
    return decision.method === 'direct' ? null : decision;
  } catch {
    // a file the decision refuses (no length for a segmented target, …) is offered as it is only
    return null;
  }
}

function transcodedRes(file: FileFacts, decision: PlaybackDecision, profile: DeviceProfile, context: DidlContext): string {
  const { filter, baseUrl, client } = context;
  const { entry } = file;
  const source = entry.probe!.video!;
  const { video, audio } = decision;
  const pn = client.omitDlnaProfileName
    ? null
    : dlnaProfileName({
        container: decision.container,
        videoCodec: video.codec,
        // our encoder makes High profile H.264
        videoProfile: video.action === 'transcode' ? 'high' : source.profile,
        width: video.width,
        height: video.height,
        frameRate: source.frameRate,
        audioCodec: audio?.codec ?? null,
      });
  const info = protocolInfo({ mime: mimeTypeOf(decision.container), profileName: pn, transcoded: true });
  let xml = `<res${attr('protocolInfo', info)}`;
  const duration = entry.probe!.durationSec;
  if (duration && filter.has('res@duration')) xml += attr('duration', formatDuration(duration));
  if (video.width && video.height && filter.has('res@resolution')) xml += attr('resolution', `${video.width}x${video.height}`);
  // a remux keeps the source's rate; a transcode gets the target's
  const bitsPerSecond =
    video.action === 'transcode' && video.bitrate ? video.bitrate + (audio?.bitrate ?? 0) : wholeBitrate(file);
  if (bitsPerSecond && filter.has('res@bitrate')) xml += attr('bitrate', Math.round(bitsPerSecond / 8));
  if (audio?.channels && filter.has('res@nrAudioChannels')) xml += attr('nrAudioChannels', audio.channels);
  return `${xml}>${escapeXml(baseUrl + DLNA_PATHS.transcoded(entry.fileId, profile.name))}</res>`;
}
