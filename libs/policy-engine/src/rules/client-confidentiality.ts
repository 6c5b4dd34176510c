import { MESSAGES, REASONS } from '../messages';
import type { Span } from '../pii';
import { dedupe, type RuleKindEvaluator, type RuleOfKind } from './kind';

/** Another client's confidential terms (a client's own terms are fine in its own posts). */
export const clientConfidentiality: RuleKindEvaluator<RuleOfKind<'client_confidentiality'>> = {
  compile({ ruleIndex, context, addUse, literal }) {
    (context.clients ?? []).forEach((client, ref) => {
      for (const raw of client.terms) {
        const term = literal(raw);
        if (term) addUse(term, { rule: ruleIndex, role: 'client', ref });
      }
    });
  },

  evaluate({ hits, clients, post, map, emit }) {
    const byTerm = new Map<string, { client: string; spans: Span[] }>();
    for (const hit of hits) {
      const client = clients[hit.use.ref];
      if (!client || client.id === post.clientId) continue;
      const key = `${client.id}:${hit.use.literal.display}`;
      const entry = byTerm.get(key) ?? { client: client.name, spans: [] };
      entry.spans.push(map(hit));
      byTerm.set(key, entry);
    }
    const forClient = clients.find((c) => c.id === post.clientId)?.name ?? null;
    for (const [key, entry] of byTerm) {
      const term = key.slice(key.indexOf(':') + 1);
      emit(MESSAGES.clientConfidentiality(term, entry.client), dedupe(entry.spans), REASONS.confidential(term, entry.client, forClient));
    }
  },
};
