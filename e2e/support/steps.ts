import type { Page } from 'playwright-core';
import { beforeEach } from 'vitest';
import { screenshot, type PageProblems } from './browser.js';

export interface StepChainOptions {
  artifacts: string;
  page: () => Page | undefined;
  serverOutput: () => string | undefined;
  problems: () => PageProblems | undefined;
  /** more sections of the failure report, [title, text], after the server output and before the page's errors */
  extraReport?: () => Promise<Array<[string, string]>>;
}

/**
 * The steps of an e2e file build on each other: after a failure, say why, keep a screenshot and every process's
 * output, and skip the rest instead of letting each of them time out.
 */
export function chainSteps(options: StepChainOptions): void {
  let brokenStep: string | null = null;
  beforeEach((ctx) => {
    if (brokenStep) ctx.skip(`an earlier step failed: ${brokenStep}`);
    ctx.onTestFailed(async () => {
      brokenStep = ctx.task.name;
      const name = `FAILED-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      const page = options.page();
      if (page) await screenshot(page, options.artifacts, name).catch(() => undefined);
      const problems = options.problems();
      const sections: Array<[string, string]> = [
        ['racoon serve output', options.serverOutput() ?? '(not started)'],
        ...((await options.extraReport?.()) ?? []),
        ['page errors', problems?.pageErrors.join('\n') || '(none)'],
        ['console errors', problems?.consoleErrors.join('\n') || '(none)'],
      ];
      console.error('\n' + sections.map(([title, text]) => `--- ${title} ---\n${text}\n`).join(''));
    });
  });
}
