import type { z } from 'zod';
import { ValidationError } from './errors';

/** Parses request input with a zod schema; a failure becomes a 400 naming each bad field. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join('.') : fieldsOf(issue),
      message: issue.message,
    })),
  );
}

function fieldsOf(issue: z.core.$ZodIssue): string {
  return issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(request)';
}
