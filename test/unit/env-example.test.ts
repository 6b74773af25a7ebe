import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ENV_VARIABLES, loadConfig } from '../../config';

const file = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
/** Names in the order the file lists them, as `NAME=` lines (comments aside). */
const listed = [...file.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);

describe('.env.example', () => {
  test('lists every variable the configuration reads, once, and no other', () => {
    expect([...listed].sort()).toEqual([...ENV_VARIABLES].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  test("holds each variable's default: loading the file gives the configuration of an empty environment", () => {
    expect(loadConfig(parseEnv(file))).toEqual(loadConfig({}));
  });
});
