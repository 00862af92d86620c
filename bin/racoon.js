#!/usr/bin/env -S node --no-memory-reducer
// The `racoon` command. The TypeScript is compiled into dist/ by `npm ci` (the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/app/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('racoon: the engine is not built yet. Run `npm run build` (npm ci runs it for you), then try again.\n');
  process.exit(1);
}
const { runCli } = await import(pathToFileURL(cli).href);
await runCli(process.argv);
