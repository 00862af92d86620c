/**
 * V8 flags the engine's process starts with: `racoon serve` (bin/racoon.js's first line, and `npm run serve`), the
 * desktop app (`npm start` passes them to Electron's main process as --js-flags) and the torrent benchmark's copy of
 * our client. They must be given when the process starts: V8 reads them when it sets up the heap, so
 * v8.setFlagsFromString() later changes nothing.
 *
 * --no-memory-reducer: after a few seconds without work, V8's memory reducer shrinks the heap and with it the limit on
 * memory held outside it. A download then allocates a socket buffer per read (~1 GiB of them per GiB, outside the
 * heap), and each 64 MiB of them past that limit starts a full mark-compact: one every ~35 ms for the whole download
 * (--trace-gc). Measured here on 1 GiB from a real peer, the download right after 10 s of idling cost 3.2-3.6 CPU s
 * instead of 1.7-1.9 s; with this flag, 1.9-2.3 s. An idle engine is what a download normally starts from, and the
 * price is a heap that stays at its high-water mark (tens of MB) while idle.
 * Since the connections we open read into one shared buffer (app/torrent/socket-reads.ts), a download from them costs
 * the same with or without the flag after 10 s idle (1.3-2.1 CPU s either way); connections peers open to us, and uTP,
 * still get Node's buffer per read, which is what the flag is kept for.
 */
export const ENGINE_V8_FLAGS: readonly string[] = ['--no-memory-reducer'];
