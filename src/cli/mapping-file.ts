import { readFile } from 'node:fs/promises';
import type { FieldMapping } from '../domain/field-mapping';
import { parseFieldMapping } from '../ingest/formats/field-mapping.schema';
import { CliError } from './output';

/** A field mapping from a JSON file (`--mapping FILE.json`), checked; a bad one names the file and the field. */
export async function readMappingFile(path: string): Promise<FieldMapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CliError(`cannot read the mapping ${path}: no such file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `the mapping ${path} is not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  try {
    return parseFieldMapping(json);
  } catch (error) {
    throw new CliError(
      `the mapping ${path} is invalid: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
