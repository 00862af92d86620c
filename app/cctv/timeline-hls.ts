/**
 * A replay plan as an HLS VOD media playlist (RFC 8216, version 3): every piece a segment with its wall-clock time
 * (#EXT-X-PROGRAM-DATE-TIME), #EXT-X-DISCONTINUITY where time jumps, #EXT-X-ENDLIST since the footage is all there.
 * Pure: the plan and a URL for each piece in, the text out.
 */
import type { FootagePiece } from './timeline.js';

/** The query a segment URL carries: where it sits in the replay and which part of the recording it plays. */
export interface SegmentQuery {
  offset: number;
  /** seconds into the recording (only when the piece does not start at its start) */
  in?: number;
  /** seconds to play (only when the piece ends before the recording does) */
  dur?: number;
  /** 1 = AAC audio in every segment (silence where a recording has none), 0 = video only */
  audio: 0 | 1;
}

/** What a piece's segment URL says (recording durations are in the index; only cut pieces need `in` / `dur`). */
export function segmentQuery(piece: FootagePiece, recordingSec: number, audio: boolean): SegmentQuery {
  const query: SegmentQuery = { offset: piece.offsetSec, audio: audio ? 1 : 0 };
  if (piece.inSec > 0) query.in = piece.inSec;
  if (piece.inSec > 0 || Math.abs(recordingSec - piece.durationSec) > 0.001) query.dur = piece.durationSec;
  return query;
}

export function queryString(query: SegmentQuery): string {
  return Object.entries(query)
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

export function vodPlaylist(pieces: readonly FootagePiece[], urlOf: (piece: FootagePiece) => string): string {
  // TARGETDURATION must not be below any EXTINF once rounded to an integer
  const target = Math.max(1, ...pieces.map((p) => Math.round(p.durationSec)));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-MEDIA-SEQUENCE:0',
  ];
  for (const piece of pieces) {
    if (piece.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(piece.startMs).toISOString()}`);
    lines.push(`#EXTINF:${piece.durationSec.toFixed(3)},`);
    lines.push(urlOf(piece));
  }
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}
