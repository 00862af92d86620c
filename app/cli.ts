import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { Engine, DEFAULT_PORT, type EngineOptions } from './engine.js';
import type { ScanProgress } from './api/api-types.js';
import { UserService } from './auth/user-service.js';
import { createLogger, silentLogger } from './core/logger.js';
import { dataPaths, defaultDataDir } from './core/paths.js';
import { VERSION } from './core/version.js';
import { UserError } from './core/user-error.js';
import { readNewPassword } from './cli/password-prompt.js';
import { formatScanLine } from './cli/scan-progress.js';
import { registerDownloadCommands } from './cli/download-commands.js';
import { registerDiscoverCommands } from './cli/discover-commands.js';
import { registerParseTitleCommand } from './cli/parse-title-command.js';
import { openDatabase } from './core/database.js';

interface DataOption {
  data?: string;
}

function dataDir(options: DataOption): string {
  return path.resolve(options.data ?? process.env.RACOON_DATA ?? defaultDataDir());
}

interface ServeOptions extends DataOption {
  media: string[];
  port: string;
  host: string;
  watch: boolean;
  torrentPort?: string;
  dht: boolean;
  lsd: boolean;
  utp: boolean;
  dlnaInterface: string[];
  dlna: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const dataOption = () => new Option('--data <dir>', 'data directory (default: $RACOON_DATA or the per-OS default)');

/** Opens the engine for a one-shot command (no HTTP server, no watcher, quiet logs). */
async function openEngine(options: DataOption, extra: Partial<EngineOptions> = {}): Promise<Engine> {
  const engine = await Engine.create({ dataDir: dataDir(options), logger: silentLogger(), watch: false, ...extra });
  announceFirstRun(engine);
  return engine;
}

/** Runs a one-shot command against the data directory and always closes it again. */
async function withEngine<T>(
  options: DataOption,
  work: (engine: Engine) => Promise<T> | T,
  extra: Partial<EngineOptions> = {},
): Promise<T> {
  const engine = await openEngine(options, extra);
  try {
    return await work(engine);
  } finally {
    await engine.stop();
  }
}

function announceFirstRun(engine: Engine): void {
  if (!engine.firstRunPassword) return;
  process.stdout.write(
    `\nFirst start: created the user "admin" with the password  ${engine.firstRunPassword}\n` +
      `It is shown only this once. Change it with: racoon user passwd --data ${engine.paths.root}\n\n`,
  );
}

/** Opens only the accounts of a data directory (the download commands sign in to the running engine with them). */
async function withUsers<T>(dir: string, work: (users: UserService) => Promise<T>): Promise<T> {
  const file = dataPaths(dir).database;
  if (!fs.existsSync(file)) throw new UserError(`No Racoon data in ${dir}: start it with \`racoon serve --data ${dir}\``);
  const db = openDatabase(file);
  try {
    return await work(new UserService(db));
  } finally {
    db.close();
  }
}

/** Shows scan progress: one updating line on a terminal, a line a second otherwise. */
function followScan(engine: Engine): () => void {
  const tty = process.stderr.isTTY;
  let last = 0;
  const unsubscribe = engine.bus.subscribe((event) => {
    if (event.type !== 'scan.progress') return;
    const now = Date.now();
    const done = event.progress.state === 'idle';
    if (!tty && !done && now - last < 1000) return;
    last = now;
    const line = formatScanLine(event.progress);
    process.stderr.write(tty ? `\r\x1b[2K${line}${done ? '\n' : ''}` : `${line}\n`);
  });
  return unsubscribe;
}

function printScanSummary(progress: ScanProgress): void {
  for (const error of progress.errors) process.stderr.write(`  ! ${error}\n`);
}

export function buildCli(): Command {
  const program = new Command('racoon').description('Racoon home media center').version(VERSION).showHelpAfterError();

  program
    .command('serve')
    .description('start the engine and its web UI (headless)')
    .addOption(dataOption())
    .option('--media <dir>', 'media folder to add to the library (repeatable)', collect, [])
    .option('--port <n>', 'HTTP port', String(DEFAULT_PORT))
    .option('--host <host>', 'address to listen on (0.0.0.0 for every LAN device)', '127.0.0.1')
    .option('--no-watch', 'do not follow media folders for changes')
    .option('--torrent-port <n>', 'BitTorrent listening port (default: the saved setting, else a free one)')
    .option('--no-dht', 'BitTorrent: no DHT')
    .option('--no-lsd', 'BitTorrent: no local service discovery')
    .option('--no-utp', 'BitTorrent: TCP only, no uTP')
    .option(
      '--dlna-interface <name>',
      'DLNA media server: announce and answer on this interface (repeatable; lo allowed)',
      collect,
      [],
    )
    .option('--no-dlna', 'no DLNA media server')
    .action(async (options: ServeOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UserError(`--port must be 0..65535, not "${options.port}"`);
      const engine = await Engine.create({
        dataDir: dataDir(options),
        mediaDirs: options.media,
        port,
        host: options.host,
        watch: options.watch,
        // only what was asked for on the command line overrides the saved settings
        torrent: {
          port: Number(options.torrentPort) || undefined,
          dht: options.dht === false ? false : undefined,
          lsd: options.lsd === false ? false : undefined,
          utp: options.utp === false ? false : undefined,
        },
        dlna: { enabled: options.dlna === false ? false : undefined, interfaces: options.dlnaInterface },
        logger: createLogger({ file: path.join(dataDir(options), 'logs', 'racoon.log') }),
      });
      announceFirstRun(engine);
      const { url } = await engine.start().catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE') throw new UserError(`Port ${port} is in use; choose another with --port`);
        throw err;
      });
      followScan(engine);
      process.stdout.write(
        `Racoon ${VERSION} is running: ${url}\nData: ${engine.paths.root}\nLogs: ${path.join(engine.paths.logs, 'racoon.log')}\n`,
      );
      const dlna = engine.dlna.status();
      if (dlna.running) {
        const where = dlna.interfaces.map((i) => `${i.name} ${i.address}`).join(', ');
        process.stdout.write(`DLNA media server "${dlna.friendlyName}" on ${where}, port ${dlna.port}\n`);
      } else if (dlna.error) process.stdout.write(`DLNA media server not started: ${dlna.error}\n`);
      const shutdown = () => {
        process.stdout.write('Stopping Racoon…\n');
        engine.stop().finally(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  program
    .command('scan')
    .description('scan the media folders now and show progress')
    .addOption(dataOption())
    .option('--media <dir>', 'also add this media folder (repeatable)', collect, [])
    .option('--probe', 'also wait for ffprobe to read every new file')
    .action(async (options: DataOption & { media: string[]; probe?: boolean }) => {
      await withEngine(
        options,
        async (engine) => {
          if (engine.library.roots().length === 0)
            throw new UserError('No media folders yet: add one with `racoon library add DIR`');
          followScan(engine);
          const progress = await engine.library.scan();
          printScanSummary(progress);
          if (options.probe) {
            engine.probes.start();
            await engine.probes.idle();
            const status = engine.probes.status();
            process.stderr.write(`Probed ${status.done} file(s), ${status.failed} unreadable\n`);
          }
        },
        { mediaDirs: options.media },
      );
    });

  const library = program.command('library').description('media folders');
  library
    .command('add <dir>')
    .description('add a media folder (scan it with `racoon scan`, or it is scanned when the engine starts)')
    .addOption(dataOption())
    .action(async (dir: string, options: DataOption) => {
      await withEngine(options, async (engine) => {
        const root = await engine.library.addRoot(dir);
        process.stdout.write(`Added media folder ${root.path} (id ${root.id})\n`);
      });
    });
  library
    .command('list')
    .description('list media folders')
    .addOption(dataOption())
    .action(async (options: DataOption) => {
      await withEngine(options, async (engine) => {
        const roots = engine.library.roots();
        if (roots.length === 0) process.stdout.write('No media folders. Add one with `racoon library add DIR`.\n');
        for (const r of roots) {
          process.stdout.write(`${r.id}\t${r.status}\t${r.fileCount} files\t${r.path}${r.error ? `\t(${r.error})` : ''}\n`);
        }
      });
    });
  library
    .command('remove <idOrPath>')
    .description('forget a media folder (files on disk are kept)')
    .addOption(dataOption())
    .action(async (idOrPath: string, options: DataOption) => {
      await withEngine(options, async (engine) => {
        const root = engine.library.roots().find((r) => String(r.id) === idOrPath || r.path === path.resolve(idOrPath));
        if (!root) throw new UserError(`No media folder "${idOrPath}"; see \`racoon library list\``);
        await engine.library.removeRoot(root.id);
        process.stdout.write(`Removed media folder ${root.path}\n`);
      });
    });
  library
    .command('items')
    .description('list the catalogued movies and series')
    .addOption(dataOption())
    .option('--json', 'one JSON array')
    .action(async (options: DataOption & { json?: boolean }) => {
      await withEngine(options, async (engine) => {
        const items = engine.library.items();
        if (options.json) process.stdout.write(JSON.stringify(items) + '\n');
        else for (const i of items) process.stdout.write(`${i.id}\t${i.type}\t${i.title}${i.year ? ` (${i.year})` : ''}\n`);
      });
    });

  program
    .command('user')
    .description('user accounts')
    .command('passwd [username]')
    .description('set a password (asked on the terminal, or read from standard input)')
    .addOption(dataOption())
    .action(async (username: string | undefined, options: DataOption) => {
      await withEngine(options, async (engine) => {
        const name = username ?? 'admin';
        if (!engine.users.getUser(name)) throw new UserError(`No user named "${name}"`);
        const password = await readNewPassword(`New password for ${name}: `);
        await engine.users.setPassword(name, password);
        process.stdout.write(`Password of "${name}" changed; its other sessions are signed out.\n`);
      });
    });

  registerDownloadCommands(program, dataDir, withUsers);
  registerDiscoverCommands(program, (options, work) => withEngine(options, (engine) => work(engine.discovery)));
  registerParseTitleCommand(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`racoon: ${err.message}\n`);
    } else {
      process.stderr.write(`racoon: ${(err as Error).message}\n`);
      if (process.env.RACOON_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    }
    process.exitCode = 1;
  }
}
