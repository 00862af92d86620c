// Debian's Chromium driven by playwright-core (no `npx playwright install`: nothing is downloaded).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The real binary: /usr/bin/chromium is a shell wrapper that prints a harmless error. */
export const CHROMIUM_PATH = process.env.RACOON_E2E_CHROMIUM ?? '/usr/lib/chromium/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed (no ${CHROMIUM_PATH}). The e2e tests drive Debian's Chromium: ` +
        '.ci/run installs the Debian package `chromium` (apt-get install -y --no-install-recommends chromium); ' +
        'install it the same way to run them locally.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** What the page complained about: uncaught exceptions and console errors, kept for assertions and failure reports. */
export interface PageProblems {
  pageErrors: string[];
  consoleErrors: string[];
}

export function watchPageProblems(page: Page): PageProblems {
  const problems: PageProblems = { pageErrors: [], consoleErrors: [] };
  page.on('pageerror', (err) => problems.pageErrors.push(err.stack ?? err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  return problems;
}

/** Screenshot into `dir` (created if needed); returns the file path. */
export async function screenshot(page: Page, dir: string, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled', caret: 'hide' });
  return file;
}
