import type { CommandStartedEvent } from 'mongodb';
import type { Connection } from 'mongoose';

/**
 * Query shapes from the MongoDB driver's command monitoring, and whether a declared index serves each one.
 *
 * A shape is what a query filters and sorts on, without the values: `postings find { status: $eq, listedAt: $gte }
 * sort { listedAt: -1, _id: -1 }`. An index serves it by the ESR rule: its key starts with every equality field
 * ($eq, $in, $all, `$exists: false`), in any order, then the sort fields (in order, all directions as given or all
 * reversed), then right after them the range fields ($gt, $gte, $lt, $lte, $ne, $nin, an anchored case-sensitive $regex). Fields of an
 * `$or` must be in the index keys (checked there) unless allowed as residual. A lookup by `_id`, or one that binds
 * every field of a unique index, is served whatever else it filters on; so is one whose equality prefix holds a
 * field allowed as selective (a handful of documents per value).
 */

export type Direction = 1 | -1;
export type PredicateKind = 'eq' | 'range' | 'unindexable';

export interface FieldPredicate {
  field: string;
  /** The operators used, `$eq` for a plain value. */
  ops: string[];
  kind: PredicateKind;
}

export interface QueryShape {
  collection: string;
  command: string;
  /** Fields ANDed at the top level or inside `$and`. */
  fields: FieldPredicate[];
  /** Each `$or` (or `$nor`): its branches' fields. */
  or: FieldPredicate[][][];
  sort: [string, Direction][];
  /** Readable and unique per shape: collection, command, filter keys with operators, sort. */
  key: string;
}

export interface DeclaredIndex {
  name: string;
  key: [string, Direction][];
  unique: boolean;
}

export interface Allowances {
  /**
   * Fields of an `$or` (or patterns no index can bound) checked on the documents an index found, since nearly every
   * document passes them. A top-level range is never residual: the index must hold it.
   */
  residual?: { collection: string; field: string; reason: string }[];
  /** Fields with a handful of documents per value: an equality on one needs nothing more of the index. */
  selective?: { collection: string; field: string; reason: string }[];
  /** Shapes (their `key`) that read the whole collection by design. */
  scans?: { key: string; reason: string }[];
}

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte', '$ne', '$nin']);
const EQUALITY_OPS = new Set(['$eq', '$in', '$all']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if ('_bsontype' in value) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isRegex(value: unknown): boolean {
  return (
    value instanceof RegExp ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { _bsontype?: string })._bsontype === 'BSONRegExp')
  );
}

/** Pattern and flags of a RegExp or a BSONRegExp. */
function regexParts(value: unknown): { source: string; flags: string } {
  if (value instanceof RegExp) return { source: value.source, flags: value.flags };
  const bson = value as { pattern?: string; options?: string };
  return { source: bson.pattern ?? '', flags: bson.options ?? '' };
}

/** Only an anchored, case-sensitive pattern gives index bounds (its literal prefix). */
function regexKind({ source, flags }: { source: string; flags: string }): PredicateKind {
  return source.startsWith('^') && !flags.includes('i') ? 'range' : 'unindexable';
}

function predicate(field: string, value: unknown): FieldPredicate {
  if (isRegex(value)) return { field, ops: ['$regex'], kind: regexKind(regexParts(value)) };
  if (!isPlainObject(value) || !Object.keys(value).some((key) => key.startsWith('$')))
    return { field, ops: ['$eq'], kind: 'eq' };
  const ops = Object.keys(value).filter((op) => op !== '$options');
  const kinds = ops.map((op): PredicateKind => {
    if (EQUALITY_OPS.has(op)) return 'eq';
    if (op === '$exists') return value.$exists ? 'range' : 'eq';
    if (RANGE_OPS.has(op)) return 'range';
    if (op === '$regex') {
      const parts =
        typeof value.$regex === 'string' ? { source: value.$regex, flags: '' } : regexParts(value.$regex);
      return regexKind({
        ...parts,
        flags: `${parts.flags}${typeof value.$options === 'string' ? value.$options : ''}`,
      });
    }
    return 'unindexable';
  });
  const kind = kinds.includes('unindexable') ? 'unindexable' : kinds.includes('range') ? 'range' : 'eq';
  return { field, ops, kind };
}

function parseFilter(filter: Record<string, unknown>): Pick<QueryShape, 'fields' | 'or'> {
  const fields: FieldPredicate[] = [];
  const or: FieldPredicate[][][] = [];
  const walk = (part: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(part)) {
      if (key === '$and') for (const clause of value as Record<string, unknown>[]) walk(clause);
      else if (key === '$or' || key === '$nor')
        or.push(
          (value as Record<string, unknown>[]).map((branch) => {
            const parsed = parseFilter(branch);
            return [...parsed.fields, ...parsed.or.flat(2)];
          }),
        );
      else if (key.startsWith('$')) fields.push({ field: key, ops: [key], kind: 'unindexable' });
      else {
        const found = predicate(key, value);
        const earlier = fields.find((f) => f.field === key);
        if (!earlier) fields.push(found);
        else {
          earlier.ops.push(...found.ops);
          if (found.kind === 'unindexable' || (found.kind === 'range' && earlier.kind === 'eq'))
            earlier.kind = found.kind;
        }
      }
    }
  };
  walk(filter);
  return { fields, or };
}

function describe(fields: FieldPredicate[], or: FieldPredicate[][][]): string {
  const parts = fields.map((f) => `${f.field}: ${f.ops.join(' ')}`);
  for (const group of or)
    parts.push(`$or: [${group.map((branch) => `{ ${describe(branch, [])} }`).join(', ')}]`);
  return parts.join(', ');
}

function shape(collection: string, command: string, filter: unknown, sort: unknown): QueryShape {
  const { fields, or } = parseFilter(isPlainObject(filter) ? filter : {});
  // The driver sends a sort as a Map (key order matters) or a plain object.
  const sortSpec =
    sort instanceof Map
      ? [...(sort as Map<string, unknown>)]
      : Object.entries(isPlainObject(sort) ? sort : {});
  const sortEntries = sortSpec.map(
    ([field, dir]) => [field, Number(dir) < 0 ? -1 : 1] as [string, Direction],
  );
  const sortText = sortEntries.length
    ? ` sort { ${sortEntries.map(([f, d]) => `${f}: ${d}`).join(', ')} }`
    : '';
  const filterText = describe(fields, or);
  return {
    collection,
    command,
    fields,
    or,
    sort: sortEntries,
    key: `${collection} ${command} ${filterText ? `{ ${filterText} }` : '{}'}${sortText}`,
  };
}

/** The query shapes of one command: none for commands that filter nothing (insert, getMore, createIndexes …). */
export function shapesOf(event: Pick<CommandStartedEvent, 'commandName' | 'command'>): QueryShape[] {
  const c = event.command as Record<string, unknown>;
  switch (event.commandName) {
    case 'find':
      return [shape(String(c.find), 'find', c.filter, c.sort)];
    case 'count':
      return [shape(String(c.count), 'count', c.query, undefined)];
    case 'distinct':
      return [shape(String(c.distinct), 'distinct', c.query, undefined)];
    case 'findAndModify':
      return [shape(String(c.findAndModify), 'findAndModify', c.query, c.sort)];
    case 'update':
      return (c.updates as { q: unknown }[]).map((u) => shape(String(c.update), 'update', u.q, undefined));
    case 'delete':
      return (c.deletes as { q: unknown }[]).map((d) => shape(String(c.delete), 'delete', d.q, undefined));
    case 'aggregate': {
      if (typeof c.aggregate !== 'string') return [];
      const stages = c.pipeline as Record<string, unknown>[];
      const match = stages[0]?.$match;
      const sort = stages[0]?.$sort ?? (match ? stages[1]?.$sort : undefined);
      return [shape(c.aggregate, 'aggregate', match ?? {}, sort)];
    }
    default:
      return [];
  }
}

export interface CommandRecorder {
  /** Every command started since recording began, as the driver sent it. */
  events: Pick<CommandStartedEvent, 'commandName' | 'command' | 'databaseName'>[];
  /** The distinct query shapes so far, in the order first seen. */
  shapes(): QueryShape[];
  stop(): void;
}

/** Records the commands of a connection opened with `monitorCommands: true`. */
export function recordCommands(connection: Connection): CommandRecorder {
  const client = connection.getClient();
  if (!client.options.monitorCommands)
    throw new Error('open the connection with monitorCommands: true to record its commands');
  const events: CommandRecorder['events'] = [];
  const listener = (event: CommandStartedEvent) => {
    if (event.databaseName === connection.name) events.push(event);
  };
  client.on('commandStarted', listener);
  return {
    events,
    shapes() {
      const byKey = new Map<string, QueryShape>();
      for (const found of events.flatMap(shapesOf)) if (!byKey.has(found.key)) byKey.set(found.key, found);
      return [...byKey.values()];
    },
    stop: () => client.off('commandStarted', listener),
  };
}

/** Every index the connection's schemas declare, and `_id_`, by collection name. */
export function declaredIndexes(connection: Connection): Map<string, DeclaredIndex[]> {
  const byCollection = new Map<string, DeclaredIndex[]>();
  for (const model of Object.values(connection.models)) {
    const indexes: DeclaredIndex[] = [{ name: '_id_', key: [['_id', 1]], unique: true }];
    for (const [fields, options] of model.schema.indexes()) {
      const key = Object.entries(fields).map(([f, d]) => [f, Number(d) < 0 ? -1 : 1] as [string, Direction]);
      indexes.push({
        name: key.map(([f, d]) => `${f}_${d}`).join('_'),
        key,
        unique: Boolean((options as { unique?: boolean }).unique),
      });
    }
    byCollection.set(model.collection.collectionName, indexes);
  }
  return byCollection;
}

function keyText(key: [string, Direction][]): string {
  return `{ ${key.map(([f, d]) => `${f}: ${d}`).join(', ')} }`;
}

/** Why `index` does not serve `query`, or undefined when it does. */
function whyNot(query: QueryShape, index: DeclaredIndex, allow: Allowances): string | undefined {
  const isAllowed = (list: Allowances['residual'], field: string) =>
    (list ?? []).some((a) => a.collection === query.collection && a.field === field);
  const keys = index.key.map(([field]) => field);
  const equality = new Set(query.fields.filter((f) => f.kind === 'eq').map((f) => f.field));
  let prefix = 0;
  while (prefix < keys.length && equality.has(keys[prefix]!)) prefix++;
  const bound = keys.slice(0, prefix);
  if (index.unique && prefix === keys.length) return undefined;
  if (bound.some((field) => field === '_id' || isAllowed(allow.selective, field))) return undefined;

  const missingEquality = [...equality].filter((field) => !bound.includes(field));
  if (missingEquality.length) return `leaves out the equality on ${missingEquality.join(', ')}`;
  const sort = query.sort.filter(([field]) => !equality.has(field));
  const sortKeys = index.key.slice(prefix, prefix + sort.length);
  const sign = sortKeys[0] && sort[0] ? sortKeys[0][1] * sort[0][1] : 1;
  const sorted = sort.every(
    ([field, dir], i) => sortKeys[i]?.[0] === field && sortKeys[i]![1] === dir * sign,
  );
  if (!sorted) return `does not give the sort ${keyText(sort)} after its equality fields`;
  const rest = keys.slice(prefix + sort.length);
  const ranges = query.fields.filter((f) => f.kind === 'range' && !sort.some(([field]) => field === f.field));
  // The ranges come right after the sort: a key between them would leave each range a filter on every key read.
  const rangeKeys = rest.slice(0, ranges.length);
  for (const range of ranges)
    if (!rangeKeys.includes(range.field))
      return rest.includes(range.field)
        ? `has ${rest.slice(0, rest.indexOf(range.field)).join(', ')} before the range on ${range.field}`
        : `leaves out the range on ${range.field} (${range.ops.join(' ')})`;
  for (const f of query.fields.filter((f) => f.kind === 'unindexable'))
    if (!isAllowed(allow.residual, f.field))
      return `cannot use an index for ${f.field} (${f.ops.join(' ')}${f.ops.includes('$regex') ? ', unanchored or case-insensitive' : ''})`;
  for (const f of query.or.flat(2))
    if (!(keys.includes(f.field) && f.kind !== 'unindexable') && !isAllowed(allow.residual, f.field))
      return `leaves out ${f.field} (${f.ops.join(' ')}) of an $or`;
  const bounds = prefix > 0 || sort.length > 0 || ranges.some((r) => r.field === rest[0]);
  return bounds ? undefined : 'bounds nothing: a whole-index scan';
}

/** The index suggested for a shape that none serves: equality fields, then the sort, then the range fields. */
function suggestedIndex(query: QueryShape): [string, Direction][] {
  const equality = query.fields
    .filter((f) => f.kind === 'eq')
    .map((f) => [f.field, 1] as [string, Direction]);
  const sort = query.sort.filter(([field]) => !equality.some(([e]) => e === field));
  const ranges = query.fields
    .filter((f) => f.kind === 'range' && !sort.some(([field]) => field === f.field))
    .map((f) => [f.field, 1] as [string, Direction]);
  return [...equality, ...sort, ...ranges];
}

export interface ShapeVerdict {
  query: QueryShape;
  /** The index that serves it, `collection scan (allowed)` for an allowed scan; undefined when none does. */
  servedBy: string | undefined;
  /** Set when no index serves it: the query, the nearest index's shortfall and the index it needs. */
  problem?: string;
}

export function checkShape(
  query: QueryShape,
  indexes: Map<string, DeclaredIndex[]>,
  allow: Allowances = {},
): ShapeVerdict {
  if (allow.scans?.some((scan) => scan.key === query.key))
    return { query, servedBy: 'collection scan (allowed)' };
  const declared = indexes.get(query.collection) ?? [];
  const reasons: string[] = [];
  for (const index of declared) {
    const why = whyNot(query, index, allow);
    if (why === undefined) return { query, servedBy: index.name };
    reasons.push(`${keyText(index.key)} ${why}`);
  }
  const equality = query.fields.filter((f) => f.kind === 'eq');
  const nothingBound =
    !equality.length && !query.sort.length && !query.fields.some((f) => f.kind === 'range');
  const unindexable = query.fields.filter((f) => f.kind === 'unindexable');
  const needed = nothingBound
    ? 'it reads the whole collection: bound it, or allow the scan with a reason'
    : unindexable.length
      ? `no index can bound ${unindexable.map((f) => `${f.field} (${f.ops.join(' ')})`).join(', ')}: match a stored normalized value instead`
      : `it needs an index like ${keyText(suggestedIndex(query))}`;
  return {
    query,
    servedBy: undefined,
    problem: `${query.key}: no declared index serves it; ${needed}${reasons.length ? `\n    ${reasons.join('\n    ')}` : `; "${query.collection}" has no declared indexes`}`,
  };
}

/** One message per shape that no declared index serves. */
export function unservedQueries(
  shapes: QueryShape[],
  indexes: Map<string, DeclaredIndex[]>,
  allow: Allowances = {},
): string[] {
  return shapes.flatMap((query) => checkShape(query, indexes, allow).problem ?? []);
}
