import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppError } from '../errors/app-error.js';

function firstError(
  errors: ValidationError[],
  path: string[] = [],
): { field: string; message: string } | null {
  for (const e of errors) {
    const here = [...path, e.property];
    if (e.constraints) {
      const message = Object.values(e.constraints)[0];
      return { field: here.join('.'), message };
    }
    if (e.children?.length) {
      const inner = firstError(e.children, here);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * Normalises (trims, upper-cases…) and validates an input object with its class-validator
 * decorators. Services call it after the access checks, so errors come in the contract's order.
 * Throws BAD_USER_INPUT with `extensions.field` naming the first invalid field (dotted path).
 */
export function validateInput<T extends object>(
  cls: ClassConstructor<T>,
  plain: unknown,
  fieldPrefix?: string,
): T {
  const instance = plainToInstance(cls, plain ?? {}, { exposeDefaultValues: false });
  const errors = validateSync(instance as object, {
    stopAtFirstError: true,
    forbidUnknownValues: false,
    skipUndefinedProperties: false,
  });
  const first = firstError(errors);
  if (first) {
    const field = fieldPrefix ? `${fieldPrefix}.${first.field}` : first.field;
    throw AppError.badInput(field, first.message);
  }
  return instance;
}
