import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { INTERNAL_MARK } from './format-error.js';
import { oneInternalError, requestPlugin } from './request-plugin.js';

describe('unexpected errors of one request', () => {
  const internal = (path: string) => ({
    message: 'Something went wrong on our side.',
    path: [path],
    extensions: { code: 'INTERNAL_SERVER_ERROR', [INTERNAL_MARK]: true },
  });

  it('are answered once: they all say the same, however many fields failed', () => {
    const forbidden = { message: 'no', extensions: { code: 'FORBIDDEN' } };
    const errors = [internal('a'), forbidden, internal('b'), internal('c')];
    expect(oneInternalError(errors)).toEqual([internal('a'), forbidden]);
    expect(oneInternalError([forbidden])).toEqual([forbidden]);
  });

  it('are logged once per distinct cause, with how often it happened', async () => {
    const lines: [Record<string, unknown>, string][] = [];
    const logger = {
      error: (obj: Record<string, unknown>, msg: string) => lines.push([obj, msg]),
    } as unknown as Logger;
    const hooks = (await requestPlugin(logger).requestDidStart!({} as never))!;
    const down = () =>
      new GraphQLError('x', { originalError: new Error('timeout exceeded when trying to connect') });
    const other = new GraphQLError('y', {
      originalError: new TypeError('cannot read properties of undefined'),
    });
    await hooks.didEncounterErrors!({
      contextValue: { ctx: { requestId: 'r1' } },
      errors: [down(), down(), other, down()],
    } as never);
    expect(lines.map(([obj]) => [(obj.err as { message: string }).message, obj.times])).toEqual([
      ['timeout exceeded when trying to connect', 3],
      ['cannot read properties of undefined', undefined],
    ]);
    expect(lines.every(([obj]) => obj.requestId === 'r1')).toBe(true);
  });
});
