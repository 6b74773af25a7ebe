import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file under src/ that pages read at start, found from here whether running from src (tsx, jest) or dist. */
export function sourcePath(...parts: string[]): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'src', ...parts);
  }
  throw new Error(`no package.json above ${__dirname}`);
}
