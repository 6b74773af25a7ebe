type Picked<F extends string> = Partial<Record<F, string>>;

/**
 * pickIn for many fields at once, with one walk over a record's keys: each field gets the trimmed value of the
 * first of its keys (in list order) that is non-empty. A record holds a dozen keys and the field lists a hundred,
 * so the walk replaces a lookup per listed key, most of them misses.
 */
export function fieldPicker<F extends string>(
  fields: Readonly<Record<F, readonly string[]>>,
): (record: Readonly<Record<string, string>>) => Picked<F> {
  const targetsByKey = new Map<string, { field: F; rank: number }[]>();
  for (const field of Object.keys(fields) as F[])
    fields[field].forEach((key, rank) => {
      const targets = targetsByKey.get(key) ?? [];
      targets.push({ field, rank });
      targetsByKey.set(key, targets);
    });
  return (record) => {
    const picked: Picked<F> = {};
    const ranks: Partial<Record<F, number>> = {};
    for (const key in record) {
      const targets = targetsByKey.get(key);
      if (!targets) continue;
      const value = record[key]!.trim();
      if (!value) continue;
      for (const { field, rank } of targets) {
        const best = ranks[field];
        if (best !== undefined && best <= rank) continue;
        picked[field] = value;
        ranks[field] = rank;
      }
    }
    return picked;
  };
}
