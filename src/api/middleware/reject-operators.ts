import type { RequestHandler } from 'express';
import { ValidationError, type FieldProblem } from '../../errors';

const MESSAGE = 'keys starting with "$" are not accepted';
/** "$ne", "company[$ne]" (a query string's bracket syntax) or "a.$where". */
const OPERATOR_KEY = /(?:^|[[.])\$/;

/** Mongo operator-like keys anywhere in the query or the JSON body are a 400 naming each, before any schema runs. */
export const rejectOperatorKeys: RequestHandler = (req, _res, next) => {
  const problems: FieldProblem[] = [];
  collect(req.query, '', problems);
  collect(req.body, '', problems);
  if (problems.length) throw new ValidationError(problems);
  next();
};

function collect(value: unknown, path: string, problems: FieldProblem[], depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 32) return;
  for (const [key, child] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    if (OPERATOR_KEY.test(key)) problems.push({ field, message: MESSAGE });
    collect(child, Array.isArray(value) ? `${path}[${key}]` : field, problems, depth + 1);
  }
}
