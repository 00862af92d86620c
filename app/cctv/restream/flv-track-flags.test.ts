import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FlvTrackFlags, trackFlagsFromMetadata } from './flv-track-flags.js';
import { FlvParser } from './flv-reader.test-support.js';

/** An FLV tag: type, 24-bit size, timestamp, stream id, data, PreviousTagSize. */
function tag(type: number, data: Buffer): Buffer {
  const head = Buffer.alloc(11);
  head[0] = type;
  head.writeUIntBE(data.length, 1, 3);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(data.length + 11);
  return Buffer.concat([head, data, tail]);
}
// node-media-server's header: audio + video announced, then PreviousTagSize0
const HEADER = Buffer.from([0x46, 0x4c, 0x56, 0x01, 0x05, 0, 0, 0, 9, 0, 0, 0, 0]);
const metadata = (...keys: string[]) => tag(18, Buffer.from(`\x02\x00\x0aonMetaData\x08${keys.join('\x00')}`, 'latin1'));
const avcHeader = tag(9, Buffer.from([0x17, 0, 0, 0, 0, 1, 2, 3]));

/** Runs bytes through the pass in chunks of `size` and parses what comes out. */
async function pass(bytes: Buffer, size: number): Promise<{ out: Buffer; flv: FlvParser }> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(new FlvTrackFlags())) out.push(chunk as Buffer);
  const flv = new FlvParser();
  const joined = Buffer.concat(out);
  flv.push(joined);
  return { out: joined, flv };
}

describe('FlvTrackFlags: the FLV header tells players the tracks the stream really has', () => {
  it('a camera without audio: video only, whatever the chunking; nothing else changes', async () => {
    const input = Buffer.concat([HEADER, metadata('width', 'videocodecid', 'framerate'), avcHeader]);
    for (const size of [1, 7, 13, 24, 4096]) {
      const { out, flv } = await pass(input, size);
      expect(flv.header, `chunks of ${size}`).toEqual({ audio: false, video: true });
      expect(out.subarray(5)).toEqual(input.subarray(5));
      expect(flv.avc()).toEqual([{ sequenceHeader: true, keyframe: true, timestamp: 0 }]);
    }
  });

  it('audio and video stay announced when the metadata names both; a stream without metadata is left alone', async () => {
    const both = Buffer.concat([HEADER, metadata('videocodecid', 'audiocodecid'), avcHeader]);
    expect((await pass(both, 5)).flv.header).toEqual({ audio: true, video: true });
    const bare = Buffer.concat([HEADER, avcHeader]);
    expect((await pass(bare, 3)).out).toEqual(bare);
    // a header alone (no publisher yet) comes out when the stream ends
    expect((await pass(HEADER, 4)).out).toEqual(HEADER);
  });

  it('reads the flags from metadata only', () => {
    expect(trackFlagsFromMetadata(18, Buffer.from('onMetaData audiocodecid'))).toBe(4);
    expect(trackFlagsFromMetadata(18, Buffer.from('onMetaData videocodecid audiocodecid'))).toBe(5);
    expect(trackFlagsFromMetadata(18, Buffer.from('onMetaData width'))).toBeNull();
    expect(trackFlagsFromMetadata(18, Buffer.from('onCuePoint videocodecid'))).toBeNull();
    expect(trackFlagsFromMetadata(9, Buffer.from('onMetaData videocodecid'))).toBeNull();
  });
});
