import readline from 'node:readline';
import { validatePassword } from '../auth/user-service.js';

/** Reads a line from stdin; on a terminal the typed characters are not echoed. */
function readLine(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return new Promise((resolve, reject) => {
      let data = '';
      input.setEncoding('utf8');
      input.on('data', (chunk: string) => {
        data += chunk;
      });
      input.on('end', () => resolve(data.split(/\r?\n/)[0] ?? ''));
      input.on('error', reject);
    });
  }
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let prompted = false;
    output._writeToOutput = (s: string) => {
      if (!prompted) {
        process.stdout.write(s);
        prompted = true;
      }
    };
    rl.question(prompt, (answer) => {
      process.stdout.write('\n');
      rl.close();
      resolve(answer);
    });
  });
}

/** Asks for a new password (twice on a terminal); standard input gives it in one line. */
export async function readNewPassword(prompt: string): Promise<string> {
  const password = await readLine(prompt);
  validatePassword(password);
  if (process.stdin.isTTY) {
    const again = await readLine('Again: ');
    if (again !== password) throw new Error('The two passwords differ; nothing changed');
  }
  return password;
}
