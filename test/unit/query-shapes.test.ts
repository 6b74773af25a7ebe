import { ObjectId } from 'mongodb';
import { checkShape, shapesOf, type DeclaredIndex, type QueryShape } from '../helpers/query-shapes';

const index = (key: Record<string, 1 | -1>, unique = false): DeclaredIndex => ({
  name: Object.keys(key).join('_'),
  key: Object.entries(key),
  unique,
});
const ID = index({ _id: 1 }, true);

const find = (filter: Record<string, unknown>, sort?: Record<string, 1 | -1>): QueryShape =>
  shapesOf({ commandName: 'find', command: { find: 'postings', filter, ...(sort ? { sort } : {}) } })[0]!;

const servedBy = (query: QueryShape, indexes: DeclaredIndex[], allow = {}) =>
  checkShape(query, new Map([['postings', [ID, ...indexes]]]), allow);

describe('query shapes from driver commands', () => {
  test('a shape names the collection, the filter keys with their operators and the sort, never the values', () => {
    const query = find(
      {
        status: 'active',
        listedAt: { $gte: new Date() },
        feedId: new ObjectId(),
        $and: [{ $or: [{ validThrough: null }, { validThrough: { $gt: new Date() } }] }],
      },
      { listedAt: -1, _id: -1 },
    );
    expect(query.key).toBe(
      'postings find { status: $eq, listedAt: $gte, feedId: $eq, $or: [{ validThrough: $eq }, { validThrough: $gt }] } sort { listedAt: -1, _id: -1 }',
    );
  });

  test('update, delete, findAndModify and the $match of an aggregate each give their filter', () => {
    const shapes = [
      ...shapesOf({
        commandName: 'update',
        command: { update: 'feeds', updates: [{ q: { _id: 1 } }, { q: { _id: 2, status: 'failing' } }] },
      }),
      ...shapesOf({
        commandName: 'delete',
        command: { delete: 'postings', deletes: [{ q: { feedId: 1 } }] },
      }),
      ...shapesOf({
        commandName: 'aggregate',
        command: { aggregate: 'postings', pipeline: [{ $match: { feedId: { $in: [1] } } }, { $group: {} }] },
      }),
      ...shapesOf({ commandName: 'insert', command: { insert: 'postings', documents: [] } }),
    ];
    expect(shapes.map((s) => s.key)).toEqual([
      'feeds update { _id: $eq }',
      'feeds update { _id: $eq, status: $eq }',
      'postings delete { feedId: $eq }',
      'postings aggregate { feedId: $in }',
    ]);
  });
});

describe('whether a declared index serves a shape (ESR)', () => {
  const recent = index({ status: 1, category: 1, listedAt: -1, _id: -1 });

  test('equality fields, then the sort, then the range: served; $in counts as equality', () => {
    const query = find(
      { status: 'active', category: { $in: ['data'] }, listedAt: { $gte: new Date() } },
      { listedAt: -1, _id: -1 },
    );
    expect(servedBy(query, [recent]).servedBy).toBe('status_category_listedAt__id');
  });

  test('an index read backwards gives the reversed sort', () => {
    const query = find({ status: 'active', category: 'data' }, { listedAt: 1, _id: 1 });
    expect(servedBy(query, [recent]).servedBy).toBeDefined();
  });

  test('an equality the index leaves out is named, with the index it needs', () => {
    const query = find({ status: 'active', workplace: 'remote' }, { listedAt: -1, _id: -1 });
    const verdict = servedBy(query, [index({ status: 1, listedAt: -1, _id: -1 })]);
    expect(verdict.servedBy).toBeUndefined();
    expect(verdict.problem).toContain(
      'postings find { status: $eq, workplace: $eq } sort { listedAt: -1, _id: -1 }: no declared index serves it; it needs an index like { status: 1, workplace: 1, listedAt: -1, _id: -1 }',
    );
    expect(verdict.problem).toContain('leaves out the equality on workplace');
  });

  test('a sort the index does not end its equality prefix with is not served', () => {
    const query = find({ status: 'active' }, { createdAt: 1 });
    expect(servedBy(query, [index({ status: 1, listedAt: -1 })]).problem).toContain(
      'does not give the sort { createdAt: 1 }',
    );
  });

  test('a case-insensitive or unanchored regex cannot use an index, even on an indexed field', () => {
    const query = find({ status: 'active', company: { $regex: '^acme$', $options: 'i' } });
    expect(servedBy(query, [index({ status: 1, company: 1 })]).problem).toContain(
      'cannot use an index for company ($regex, unanchored or case-insensitive)',
    );
    expect(servedBy(find({ company: /^Acme/ }), [index({ company: 1 })]).servedBy).toBe('company');
  });

  test('fields of an $or must be in the index, unless allowed as residual', () => {
    const query = find(
      { status: 'active', $or: [{ title: { $regex: 'x', $options: 'i' } }, { snippet: /x/i }] },
      { listedAt: -1 },
    );
    const listed = index({ status: 1, listedAt: -1 });
    expect(servedBy(query, [listed]).problem).toContain('leaves out title ($regex) of an $or');
    const residual = [
      { collection: 'postings', field: 'title', reason: 'r' },
      { collection: 'postings', field: 'snippet', reason: 'r' },
    ];
    expect(servedBy(query, [listed], { residual }).servedBy).toBe('status_listedAt');
  });

  test('_id lookups, fully bound unique indexes and allowed selective fields are served whatever else they filter', () => {
    expect(servedBy(find({ _id: { $in: [1] }, status: { $ne: 'x' } }), []).servedBy).toBe('_id');
    expect(servedBy(find({ keyHash: 'h', x: /y/i }), [index({ keyHash: 1 }, true)]).servedBy).toBe('keyHash');
    const lookAlikes = find({ fingerprint: { $in: ['f'] }, status: 'active', category: 'data' });
    const byFingerprint = index({ fingerprint: 1, listedAt: -1 });
    expect(servedBy(lookAlikes, [byFingerprint]).servedBy).toBeUndefined();
    const selective = [{ collection: 'postings', field: 'fingerprint', reason: 'r' }];
    expect(servedBy(lookAlikes, [byFingerprint], { selective }).servedBy).toBe('fingerprint_listedAt');
  });

  test('an empty filter without a sort reads the whole collection unless the scan is allowed', () => {
    const query = find({});
    expect(servedBy(query, [index({ createdAt: 1 })]).problem).toContain('it reads the whole collection');
    expect(servedBy(query, [], { scans: [{ key: 'postings find {}', reason: 'r' }] }).servedBy).toBe(
      'collection scan (allowed)',
    );
  });
});
