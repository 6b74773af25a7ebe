import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The `version` of jobfeed's package.json, found above this file whether it runs from src/ or from dist/. */
export function packageVersion(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'jobfeed' && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of jobfeed above ${from}`);
  }
}
