// What the kernel holds of a file in its page cache: tests of the direct (O_DIRECT) writes check it rather than trust
// the code that chose the path.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Bytes of `file` in the page cache (util-linux fincore: mincore(2) over the file). */
export function cachedBytes(file: string): number {
  return Number(execFileSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', file], { encoding: 'utf8' }).trim());
}

/** Whether `dir` is on tmpfs, which keeps files in memory anyway (nothing goes "past" the page cache there). */
export const onTmpfs = (dir: string) => fs.statfsSync(dir).type === 0x01021994;
