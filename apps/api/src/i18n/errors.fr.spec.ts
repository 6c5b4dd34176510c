import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERRORS_FR, messageInFrench, NOT_FOUND_FR } from './errors.fr';

/** Every .ts file of the API's source but the tests. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The fixed sentences the code gives its errors: `badInput(field, '…')`, `forbidden('…')`, `message: '…'` on inputs, and so on. */
function fixedMessages(): { sentences: Set<string>; notFound: Set<string> } {
  const call =
    /\b(badInput\([^,]+,\s*|forbidden\(|conflict\(|unauthenticated\(|notFound\(|new AppError\('[A-Z_]+',\s*|message:\s*|message = )(['`])((?:\\.|(?!\2).)*)\2/gs;
  const sentences = new Set<string>();
  const notFound = new Set<string>();
  for (const file of sourceFiles(join(__dirname, '..'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(call)) {
      const [, callee, quote, text] = match;
      if (quote === '`' && text.includes('${')) continue; // built from values: PATTERNS_FR
      const sentence = text.replace(/\\(['\\])/g, '$1'); // as the string is at run time
      (callee.startsWith('notFound') ? notFound : sentences).add(sentence);
    }
  }
  return { sentences, notFound };
}

describe('error messages in French', () => {
  const { sentences, notFound } = fixedMessages();

  it('finds the code’s sentences (the scan works)', () => {
    expect(sentences.size).toBeGreaterThan(100);
    expect(sentences).toContain('You do not have access to this.');
    expect(notFound).toContain('This policy');
  });

  it('has a French sentence for every fixed sentence the code writes', () => {
    expect([...sentences].filter((sentence) => !ERRORS_FR[sentence])).toEqual([]);
    expect([...notFound].filter((what) => !NOT_FOUND_FR[what])).toEqual([]);
  });

  it('translates sentences built from values, keeping the values', () => {
    expect(messageInFrench('This policy was not found.')).toBe('Ces règles sont introuvables.');
    expect(messageInFrench('Too many attempts. Please wait 3 minute(s) and try again.')).toBe('Trop de tentatives. Attendez 3 minute(s) et réessayez.');
    expect(messageInFrench('A client named “Acme” already exists.')).toBe('Un client nommé « Acme » existe déjà.');
    expect(messageInFrench('The last owner cannot be demoted. Make someone else an owner first.')).toBe(
      'Le dernier propriétaire ne peut pas être rétrogradé. Nommez d’abord un autre propriétaire.',
    );
    expect(
      messageInFrench('Step “Legal” needs 2 approvals but only 1 person other than the author may give them. Change the approval chain or add approvers.'),
    ).toMatch(/^L’étape « Legal » demande 2 validation\(s\) mais seulement 1 personne/);
    expect(messageInFrench('Something nobody wrote.')).toBe('Something nobody wrote.');
  });
});
