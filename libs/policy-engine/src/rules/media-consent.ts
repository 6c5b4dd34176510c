import { MESSAGES } from '../messages';
import type { RuleKindEvaluator, RuleOfKind } from './kind';

/** A photo or video with people in it and no consent recorded. */
export const mediaConsent: RuleKindEvaluator<RuleOfKind<'media_consent'>> = {
  evaluate({ post, emit }) {
    (post.media ?? []).forEach((media, index) => {
      const people = typeof media.peopleTagged === 'number' ? media.peopleTagged > 0 : Boolean(media.peopleTagged);
      if (people && !media.consentRecorded) emit(MESSAGES.mediaConsent(index), []);
    });
  },
};
