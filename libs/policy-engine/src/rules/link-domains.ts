import { MESSAGES } from '../messages';
import type { RuleKindEvaluator, RuleOfKind } from './kind';

const URLS_IN_TEXT = /https?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/gi;

function hostOf(link: string): string | null {
  try {
    return new URL(/^https?:\/\//i.test(link) ? link : `https://${link}`).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

const matchesDomain = (host: string, domain: string) => {
  const d = domain.replace(/^\*?\./, '').replace(/^www\./, '');
  return host === d || host.endsWith(`.${d}`);
};

/** Links to denied domains, or to domains outside an allow list: in the text and attached. */
export const linkDomains: RuleKindEvaluator<RuleOfKind<'link_domains'>> = {
  evaluate({ rule, original, post, emit }) {
    const inText = [...original.matchAll(URLS_IN_TEXT)].map((m) => ({ link: m[0], span: { start: m.index, end: m.index + m[0].length } }));
    const links = [...inText, ...(post.links ?? []).filter((l) => typeof l === 'string').map((link) => ({ link, span: null }))];
    const seen = new Set<string>();
    for (const { link } of links) {
      const host = hostOf(link);
      if (!host) continue;
      const denied = rule.deny.some((d) => matchesDomain(host, d));
      const notAllowed = rule.allow.length > 0 && !rule.allow.some((d) => matchesDomain(host, d));
      if (!denied && !notAllowed) continue;
      if (seen.has(host)) continue;
      seen.add(host);
      const spans = inText.filter((t) => hostOf(t.link) === host).map((t) => t.span);
      emit(denied ? MESSAGES.linkDenied(host) : MESSAGES.linkNotAllowed(host), spans);
    }
  },
};
