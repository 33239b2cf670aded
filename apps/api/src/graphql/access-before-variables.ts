import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { AppError, type GqlContext } from '#libs/common';
import type { AuditService } from '#libs/audit';
import { checkFirst, refuseRole, type RootFieldAccess } from '#libs/auth';
import type { Queryable } from '#libs/database';
import { withHttpStatus } from './http-status.js';
import { coercedVariables } from './coerced-variables.js';

/** The operation's root fields, in document order, through fragments (each fragment once). */
function rootFields(op: OperationDefinitionNode, document: DocumentNode): FieldNode[] {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  const seen = new Set<string>();
  const fields: FieldNode[] = [];
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) fields.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(op.selectionSet);
  return fields;
}

/** A field's arguments as the client wrote them, variables as sent (not coerced: they do not coerce). */
function rawArgs(field: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    (field.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]),
  );
}

/**
 * CONTRACT.md section 2 checks authentication and role before input rules. graphql-js coerces the
 * variables before any resolver (and so any guard) runs, and would answer a mistake in them with
 * BAD_USER_INPUT whoever asked. When the variables do not coerce, this answers first what the
 * resolvers' guards would have: UNAUTHENTICATED for a caller who is not signed in (unless every
 * field is public, like login), FORBIDDEN (audited DENIED for person-level data) for a role that may
 * not call one of the fields, then what the operation checks before its input rules
 * (AuditedMeta.first): FORBIDDEN for acting for a service of another organisation, NOT_FOUND for a
 * record the caller's organisation cannot see (both audited DENIED), or, for an operation not on
 * person-level data, what its ChecksFirst method refuses (a service manager's own organisation and
 * frontline roles, records that do not exist). Otherwise the BAD_USER_INPUT stands.
 */
export function accessBeforeVariablesPlugin(
  access: () => ReadonlyMap<string, RootFieldAccess>,
  audit: AuditService,
  db: Queryable,
): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const op = rc.operation;
          if (!op?.variableDefinitions?.length) return;
          if (!coercedVariables(rc).errors?.length) return;
          const variables = rc.request.variables ?? {};
          const root = op.operation === 'mutation' ? 'Mutation' : 'Query';
          const { ctx } = rc.contextValue;
          // Answered as a resolver's refusal would be: HTTP 200, with the error.
          const refuse = (e: unknown): never => {
            throw e instanceof AppError ? withHttpStatus(e, 200) : e;
          };
          for (const field of rootFields(op, rc.document)) {
            const rule = access().get(`${root}.${field.name.value}`);
            if (!rule || rule.isPublic) continue;
            const actor = await ctx.resolveActor();
            if (!actor) refuse(AppError.unauthenticated());
            const args = rawArgs(field, variables);
            if (rule.roles && !rule.roles.includes(actor!.role))
              await refuseRole(ctx, rule.audited, args, audit).catch(refuse);
            if (rule.audited) await checkFirst(ctx, rule.audited, args, db, audit).catch(refuse);
            if (rule.checksFirst) {
              await ctx.confirmCaller().catch(refuse);
              await rule.checksFirst(ctx, args).catch(refuse);
            }
          }
        },
      };
    },
  };
}
