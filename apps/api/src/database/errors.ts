/** PostgreSQL's unique_violation (23505): two writers raced for the same key. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}
