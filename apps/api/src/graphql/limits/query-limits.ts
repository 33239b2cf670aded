import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  type InlineFragmentNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { AppError, ErrorCode } from '#libs/common';

/** The shape limits of CONTRACT.md section 10; every one is checked before execution. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  /** Lexical tokens in one document (graphql-js stops parsing at once when exceeded). */
  maxTokens: 3000,
} as const;

/** Introspection root fields: exempt from the depth and cost limits. */
export const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

/** A refusal for being too big or too deep: QUERY_TOO_COMPLEX with a message a client can act on. */
export function tooComplex(detail: string): AppError {
  const clean = detail.replace(/^Syntax Error:\s*/, '').trim();
  return new AppError(ErrorCode.QUERY_TOO_COMPLEX, `The query is too complex: ${clean}`);
}

/** graphql-js's own message when `parseOptions.maxTokens` is exceeded ("more that" in 16.x). */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] \d+ tokens/;

/**
 * True for a parse failure caused by the token limit (graphql-js reports it as a syntax error;
 * the contract calls it QUERY_TOO_COMPLEX).
 */
export function isTokenLimitError(error: unknown): boolean {
  return error instanceof GraphQLError && TOKEN_LIMIT_MESSAGE.test(error.message);
}

/**
 * graphql-js's own guard: it gives up validating a document whose fields would take too long to
 * compare (hundreds of fields of one name in one selection, or fragments spread over and over), and
 * says only "Validation aborted.". The contract calls that QUERY_TOO_COMPLEX.
 */
export function isValidationAborted(error: unknown): boolean {
  return error instanceof GraphQLError && error.message === 'Validation aborted.';
}

const reportTooComplex = (ctx: ValidationContext | null, err: GraphQLError) => {
  ctx?.reportError(tooComplex(err.message));
};

const armorOptions = { propagateOnRejection: false, exposeLimits: true, onReject: [reportTooComplex] };

/**
 * The operation without its root introspection fields (`__schema`, `__type`), also where a root
 * fragment holds them: fragments spread at the root are written inline (depth counts no level for
 * a fragment), and root fields are filtered through inline fragments, so that introspection is
 * exempt from the depth limit however the document is written.
 */
function withoutIntrospection(
  op: OperationDefinitionNode,
  fragment: (name: string) => FragmentDefinitionNode | null | undefined,
): OperationDefinitionNode {
  const root = (selections: readonly SelectionNode[], spread: ReadonlySet<string>): SelectionNode[] =>
    selections.flatMap((s): SelectionNode[] => {
      if (s.kind === Kind.FIELD) return INTROSPECTION_FIELDS.has(s.name.value) ? [] : [s];
      if (s.kind === Kind.INLINE_FRAGMENT)
        return [
          { ...s, selectionSet: { ...s.selectionSet, selections: root(s.selectionSet.selections, spread) } },
        ];
      const def = spread.has(s.name.value) ? null : fragment(s.name.value);
      // An unknown or cyclic spread is left for validation to refuse.
      if (!def) return [s];
      const inline: InlineFragmentNode = {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: def.typeCondition,
        directives: s.directives,
        selectionSet: {
          ...def.selectionSet,
          selections: root(def.selectionSet.selections, new Set([...spread, s.name.value])),
        },
      };
      return [inline];
    });
  return {
    ...op,
    selectionSet: { ...op.selectionSet, selections: root(op.selectionSet.selections, new Set()) },
  };
}

/** GraphQL Armor's depth rule, with `__type` exempt as well as `__schema`. */
function depthRule(): ValidationRule {
  // Depth is counted in field levels: a fragment (spread or inline) adds none of its own.
  const armor = maxDepthRule({
    ...armorOptions,
    n: QUERY_LIMITS.maxDepth,
    ignoreIntrospection: true,
    flattenFragments: true,
  });
  return (ctx: ValidationContext): ASTVisitor => {
    const visitor = armor(ctx) as unknown as {
      OperationDefinition: { enter: (this: unknown, op: OperationDefinitionNode) => void };
    };
    return {
      OperationDefinition: {
        enter: (op) =>
          visitor.OperationDefinition.enter.call(
            visitor,
            withoutIntrospection(op, (name) => ctx.getFragment(name)),
          ),
      },
    };
  };
}

/** Validation rules (GraphQL Armor) refusing deep, alias-heavy and directive-heavy documents. */
export function queryLimitRules(): ValidationRule[] {
  return [
    depthRule(),
    // Every alias counts, `__typename` ones too (GraphQL Armor lets those through by default).
    maxAliasesRule({ ...armorOptions, n: QUERY_LIMITS.maxAliases, allowList: [] }) as ValidationRule,
    maxDirectivesRule({ ...armorOptions, n: QUERY_LIMITS.maxDirectives }) as ValidationRule,
  ];
}

/**
 * A refused document gets one clear answer: when a limit refused it, the other validation errors
 * of the same document (which only describe a document that will never run) are left out.
 */
export function onlyTooComplex<T extends { extensions?: Record<string, unknown> }>(
  errors: readonly T[],
): T[] {
  const first = errors.find((e) => e.extensions?.code === ErrorCode.QUERY_TOO_COMPLEX);
  return first ? [first] : [...errors];
}
