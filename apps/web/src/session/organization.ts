const KEY = 'clearpost.organizationId';

/** The organization the user last worked in; every tenant-scoped request names it in a header. */
let current: string | null = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
const listeners = new Set<() => void>();

export const organizationStore = {
  get: (): string | null => current,
  set(organizationId: string | null): void {
    if (organizationId === current) return;
    current = organizationId;
    if (organizationId) localStorage.setItem(KEY, organizationId);
    else localStorage.removeItem(KEY);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
