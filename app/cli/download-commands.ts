import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { AddDownloadResponse, DownloadSummary } from '../api/api-types.js';
import type { UserService } from '../auth/user-service.js';
import { formatDownloadTable } from './download-table.js';
import { EngineLink } from './engine-link.js';

/** How the download commands reach the data directory's users (to sign in to the running engine). */
export type WithUsers = <T>(dataDir: string, work: (users: UserService) => Promise<T>) => Promise<T>;

async function withLink<T>(dataDir: string, withUsers: WithUsers, work: (link: EngineLink) => Promise<T>): Promise<T> {
  return withUsers(dataDir, async (users) => {
    const link = EngineLink.connect(dataDir, users);
    try {
      return await work(link);
    } finally {
      link.close();
    }
  });
}

function isUri(value: string): boolean {
  return /^(magnet:\?|https?:\/\/)/i.test(value.trim());
}

/** `racoon add` and `racoon downloads`: they talk to the running engine, where the downloads live. */
export function registerDownloadCommands(
  program: Command,
  dataDirOf: (options: { data?: string }) => string,
  withUsers: WithUsers,
): void {
  program
    .command('add <magnetUrlOrFile>')
    .description('add a download: a magnet link, an http(s) URL of a .torrent, or a .torrent file')
    .option('--data <dir>', 'data directory of the running engine')
    .action(async (source: string, options: { data?: string }) => {
      const dataDir = dataDirOf(options);
      let body: { json?: unknown; form?: FormData };
      if (isUri(source)) {
        body = { json: { uri: source.trim() } };
      } else {
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(source);
        } catch (err) {
          throw new Error(
            `Cannot read ${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
          );
        }
        const form = new FormData();
        form.set('torrent', new Blob([new Uint8Array(bytes)]), path.basename(source));
        body = { form };
      }
      const added = await withLink(dataDir, withUsers, (link) => link.request<AddDownloadResponse>('POST', '/downloads', body));
      process.stdout.write(`Added download ${added.id} (${added.infoHash})\n`);
    });

  program
    .command('downloads')
    .description('list downloads with their progress')
    .option('--data <dir>', 'data directory of the running engine')
    .option('--watch', 'refresh every second until interrupted')
    .option('--json', 'one JSON array')
    .action(async (options: { data?: string; watch?: boolean; json?: boolean }) => {
      await withLink(dataDirOf(options), withUsers, async (link) => {
        const fetchList = () => link.request<DownloadSummary[]>('GET', '/downloads');
        if (options.json) return void process.stdout.write(JSON.stringify(await fetchList()) + '\n');
        if (!options.watch) return void process.stdout.write(formatDownloadTable(await fetchList()) + '\n');
        let stop = false;
        process.once('SIGINT', () => {
          stop = true;
        });
        while (!stop) {
          const table = formatDownloadTable(await fetchList());
          process.stdout.write(process.stdout.isTTY ? `\x1b[H\x1b[2J${table}\n` : `${table}\n\n`);
          await new Promise((r) => setTimeout(r, 1000));
        }
      });
    });
}
