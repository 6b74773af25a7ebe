/** Text matched literally inside a RegExp (and a MongoDB $regex): user input never becomes a pattern. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
