import type { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import { requestLocale } from '../common/locale';
import { messageInFrench } from '../i18n/errors.fr';

/**
 * Error messages in the language of the request (Accept-Language, which the web app sends with its
 * own language): the code writes English sentences, and a French request reads them in French.
 * Codes and fields are left as they are — clients rely on those, never on the wording.
 */
export const frenchErrorsPlugin: ApolloServerPlugin<{ req?: Request }> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors?.length) return;
        if (requestLocale(contextValue.req) !== 'fr') return;
        response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({ ...error, message: messageInFrench(error.message) }));
      },
    };
  },
};
