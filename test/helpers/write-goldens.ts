/**
 * Writes the golden file of each fixture named (or of every fixture): `node --import tsx test/helpers/write-goldens.ts
 * [fixture…]`. Review the diff before committing it; the golden test only compares, it never writes.
 */
import { writeFile } from 'node:fs/promises';
import { fixtureNames, goldenPath, readFixture } from './golden';

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  for (const fixture of names.length ? names : fixtureNames()) {
    await writeFile(goldenPath(fixture), `${JSON.stringify(await readFixture(fixture), null, 2)}\n`);
    process.stdout.write(`wrote ${goldenPath(fixture)}\n`);
  }
}

void main();
