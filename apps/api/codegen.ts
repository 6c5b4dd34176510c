import type { CodegenConfig } from '@graphql-codegen/cli';

// The GraphQL documents of the API's tests, typed from the committed schema: a test asking for a
// field the schema does not have fails the type check, and its result is typed.
const config: CodegenConfig = {
  schema: './schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './test/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSONObject: 'Record<string, any>', JSON: 'any' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;
