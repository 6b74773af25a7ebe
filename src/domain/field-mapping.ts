/** A path or selector, a template of several ("https://acme.example/job/{id}"), or the same value for every posting. */
export type MappedValue = string | { const: string };

/** A mapped value, or a path whose date is in the partner's own pattern ("dd/MM/yyyy"). */
export type MappedDate = MappedValue | { path: string; format: string };

/**
 * Where a partner without a standard format keeps its postings, as a feed stores it. The syntax of `items` and of
 * each field, and its validation, live with the readers (src/ingest/formats/field-mapping.schema.ts).
 */
export interface FieldMapping {
  items: string;
  fields: {
    title: MappedValue;
    url: MappedValue;
    externalId?: MappedValue;
    company?: MappedValue;
    description?: MappedValue;
    date?: MappedDate;
    validThrough?: MappedDate;
    location?: MappedValue;
    remote?: MappedValue;
    employmentType?: MappedValue;
    salary?: MappedValue;
  };
  /** Written by `jobfeed mapping suggest`: the document's fields no mapped field takes. Ignored when reading. */
  unplaced?: string[];
}

export type MappedField = keyof FieldMapping['fields'];
export type FieldSpec = NonNullable<FieldMapping['fields'][MappedField]>;
