// What the tests see of processes: is ffmpeg still there, stopped, or left behind? Reads /proc (Linux), no procps needed.
import fs from 'node:fs';
import path from 'node:path';

/** A process's state letter from /proc (R, S, T = stopped, Z = zombie…), or '' when it is gone. Linux. */
export function processState(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S …": the name may hold spaces and parentheses, the state follows the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return '';
  }
}

/** Ids of live ffmpeg processes whose command line mentions `needle` (orphan checks). Reads /proc: no procps needed. */
export function ffmpegPidsMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // ended meanwhile
    }
    // the program itself must be ffmpeg (not, say, a node process whose script mentions it)
    if (path.basename(argv[0] ?? '') !== 'ffmpeg' || !argv.some((arg) => arg.includes(needle))) continue;
    const state = processState(Number(entry));
    if (state && state !== 'Z') pids.push(Number(entry));
  }
  return pids;
}

/** The process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const state = processState(pid);
  return state !== '' && state !== 'Z';
}
