import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { notifications } from '@mantine/notifications';
import { afterEach, vi } from 'vitest';
import { i18n, initI18n } from '../i18n';

// jsdom lacks what Mantine measures with.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })),
});
class ResizeObserverStub {
  observe = () => undefined;
  unobserve = () => undefined;
  disconnect = () => undefined;
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
window.HTMLElement.prototype.scrollIntoView = () => undefined;
// Mantine's autosizing textarea listens for web fonts loading.
Object.defineProperty(document, 'fonts', { value: { addEventListener: () => undefined, removeEventListener: () => undefined, ready: Promise.resolve() } });

// A key missing from the messages fails the test that shows it.
initI18n('en');
i18n.options.saveMissing = true;
i18n.on('missingKey', (_languages, _namespace, key) => {
  throw new Error(`Missing translation: ${key}`);
});

afterEach(async () => {
  cleanup();
  // Mantine keeps notifications in a module-wide store: one test's must not show in the next.
  notifications.clean();
  await i18n.changeLanguage('en');
});
