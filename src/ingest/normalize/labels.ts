/**
 * Partner descriptions often start with a header of labelled fields glued into the text:
 * "Job title: Java Developer Company: Han Staffing Job description: End Client: …".
 * readLabelledHeader splits that header off so the snippet starts at the real description
 * and the company can be taken from it when the feed has no company field.
 */
const HEADER_LABELS: Record<string, keyof LabelledHeader> = {
  'job title': 'title',
  'position title': 'title',
  title: 'title',
  company: 'company',
  'company name': 'company',
  employer: 'company',
  'hiring company': 'company',
  location: 'location',
  'job location': 'location',
};
const DESCRIPTION_LABEL = String.raw`(?:job\s+|position\s+|role\s+)?description|about\s+(?:the\s+)?(?:job|role|position)|overview|summary`;
const HEADER_LABEL = `${Object.keys(HEADER_LABELS)
  .map((l) => l.replace(' ', String.raw`\s+`))
  .join('|')}`;
const LEADING_LABEL = new RegExp(String.raw`^(${HEADER_LABEL}|${DESCRIPTION_LABEL})\s*:\s*`, 'i');
const NEXT_LABEL = new RegExp(String.raw`\s(?:${HEADER_LABEL}|${DESCRIPTION_LABEL})\s*:`, 'i');
/** "Description" as a heading glued to the text that follows: "Description The Leidos team…". Case matters here. */
const BARE_DESCRIPTION_HEADING = /^(?:[Jj]ob\s+)?[Dd]escription(?:\s*:\s*|\s+(?=[A-Z]))/;
const INNER_DESCRIPTION_LABEL = /(^|\s)(?:job|position|role)\s+description\s*:\s*/gi;
/** "Requirements:Java": a colon with no space before the next word. */
const GLUED_COLON = /[a-z)]:[A-Z]/;
const GLUED_COLON_GLOBAL = /([a-z)]):([A-Z])/g;

export interface LabelledHeader {
  title?: string;
  company?: string;
  location?: string;
}

export function readLabelledHeader(text: string): { header: LabelledHeader; body: string } {
  const header: LabelledHeader = {};
  let rest = text;
  for (;;) {
    const label = LEADING_LABEL.exec(rest);
    if (!label) break;
    rest = rest.slice(label[0].length);
    const field = HEADER_LABELS[label[1]!.toLowerCase().replace(/\s+/g, ' ')];
    if (!field) break;
    const next = NEXT_LABEL.exec(rest);
    const value = (next ? rest.slice(0, next.index) : rest).trim();
    header[field] ??= value;
    rest = next ? rest.slice(next.index + 1) : '';
  }
  return { header, body: rest };
}

/** The description without its label noise: leading headings such as "Description" and inner "Job Description:" labels. */
export function stripDescriptionLabels(body: string): string {
  let text = body;
  let heading: RegExpExecArray | null;
  while ((heading = BARE_DESCRIPTION_HEADING.exec(text))) text = text.slice(heading[0].length);
  // The tests first: most descriptions have neither, and a replace that finds nothing still costs its setup.
  if (/description/i.test(text)) text = text.replace(INNER_DESCRIPTION_LABEL, '$1');
  return GLUED_COLON.test(text) ? text.replace(GLUED_COLON_GLOBAL, '$1: $2') : text;
}
