const COMPANY_PREFIXED_TITLE = /^([^:]{2,80}):\s+(.+)$/;
const LABEL_PREFIX = /^(job\s+title|title|position|job|vacancy|role)$/i;

/**
 * Boards that put the company in the item title ("The Daily Ledger: Data Journalist"): the company comes out of
 * the title when the item names none, and a title that repeats the item's company loses that prefix.
 */
export function splitCompanyTitle(
  title: string | undefined,
  company: string | undefined,
): { title: string | undefined; company: string | undefined } {
  if (!title) return { title, company };
  const match = COMPANY_PREFIXED_TITLE.exec(title);
  if (!match) return { title, company };
  const prefix = match[1]!.trim();
  if (LABEL_PREFIX.test(prefix)) return { title, company };
  if (!company) return { title: match[2], company: prefix };
  return prefix.toLowerCase() === company.toLowerCase() ? { title: match[2], company } : { title, company };
}
