const TRUE_VALUES = /^(true|yes|y|1|remote|telecommute|fully remote)$/i;
const REMOTE_TEXT = /\b(remote|work from home|wfh|telecommute|anywhere)\b/i;

/** Remote from an explicit field (TELECOMMUTE, workplaceType, remote) or from clear text in the title or location. */
export function isRemote(explicit: string | undefined, ...texts: (string | null | undefined)[]): boolean {
  if (explicit?.trim()) return TRUE_VALUES.test(explicit.trim());
  return texts.some((text) => !!text && REMOTE_TEXT.test(text));
}
