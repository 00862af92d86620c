import readline from 'node:readline';
import type { Command } from 'commander';
import { parseReleaseTitle } from '../discovery/release-title-parser.js';

/** Output is written in chunks of about this many characters (one write per title would be slow for 100k lines). */
const CHUNK = 64 * 1024;

/**
 * Parses every line of `input` (LF or CRLF; an empty line too, as an object with empty fields) and writes one JSON
 * object a line to `output`, streaming: memory stays flat for any number of lines, and a slow reader slows us down.
 * Returns how many titles were parsed.
 */
export async function parseTitleLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<number> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity, terminal: false });
  let count = 0;
  let pending = '';
  for await (const line of lines) {
    pending += JSON.stringify(parseReleaseTitle(line)) + '\n';
    count++;
    if (pending.length >= CHUNK) {
      await write(output, pending);
      pending = '';
    }
  }
  if (pending) await write(output, pending);
  return count;
}

/** Writes and waits for 'drain' when the stream's buffer is full (backpressure). */
function write(output: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (output.write(text)) return resolve();
    const done = (err?: Error) => {
      output.off('drain', done);
      output.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    output.on('drain', done);
    output.on('error', done);
  });
}

/** `racoon parse-title`: release titles on stdin (or as arguments), one JSON object a line on stdout. */
export function registerParseTitleCommand(program: Command): void {
  program
    .command('parse-title [titles...]')
    .description('parse release titles (one a line on standard input, or given as arguments) into JSON lines')
    .action(async (titles: string[]) => {
      // `racoon parse-title … | head` closes stdout early: stop quietly instead of failing with EPIPE
      process.stdout.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EPIPE') process.exit(0);
        throw err;
      });
      if (titles.length) {
        process.stdout.write(titles.map((t) => JSON.stringify(parseReleaseTitle(t)) + '\n').join(''));
        return;
      }
      await parseTitleLines(process.stdin, process.stdout);
    });
}
