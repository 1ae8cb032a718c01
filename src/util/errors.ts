/** The first line of an error's message (or of any thrown value): what people see, never a stack trace. */
export function firstLine(e: unknown, fallback: string): string {
  const text = e instanceof Error ? e.message : String(e ?? '');
  return text.split('\n')[0].trim() || fallback;
}
