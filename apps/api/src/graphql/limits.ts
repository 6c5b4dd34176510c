/**
 * Every limit a GraphQL request must fit in, in one place (docs/decisions/0005-request-limits.md
 * says why each number is what it is). A request over any of them is refused with HTTP 400 and
 * BAD_USER_INPUT before a resolver runs.
 */
export const REQUEST_LIMITS = {
  /** Nesting of selections. The web app's deepest operation is 6. */
  maxDepth: 10,
  /** Aliased fields per operation: an alias is the cheap way to repeat an expensive field. */
  maxAliases: 10,
  /** Brackets nested in the document text (selections, lists and objects in literals), checked before parsing. */
  maxNesting: 64,
  /** Lexical tokens per document: bounds parsing work before anything else runs. */
  maxTokens: 3000,
  /** Directives per operation (@include/@skip are all a client needs). */
  maxDirectives: 20,
  /** Estimated cost: every field (alias or not) counts, lists count their page size times their items. */
  maxCost: 5000,
  /** Body of a request, before JSON parsing. */
  bodyBytes: 256 * 1024,
} as const;

/** Limits on input values, checked for every argument of every operation (see input-guard.ts). */
export const INPUT_LIMITS = {
  /** Nesting of JSON arguments (policy rules nest a few levels: rule → options → terms). */
  jsonDepth: 12,
  /** Values (keys + items) in one JSON argument. */
  jsonNodes: 50_000,
  /** Items in one list argument; higher per field where the model says so (class-validator). */
  listItems: 10_000,
} as const;
