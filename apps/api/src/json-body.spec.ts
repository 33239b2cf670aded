import type { IncomingMessage } from 'node:http';
import { BodyReadError, isUtf8Json, parseJson } from './json-body.js';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('isUtf8Json: the bodies read without Express', () => {
  it.each([
    ['application/json', undefined, true],
    ['Application/JSON', undefined, true],
    ['application/json; charset=utf-8', undefined, true],
    ['application/json;charset=UTF-8', undefined, true],
    ['application/json; charset="utf-8"', undefined, true],
    ['application/json', 'identity', true],
    ['application/json', 'gzip', false],
    ['application/json; charset=latin1', undefined, false],
    ['application/json; charset=utf-16', undefined, false],
    ['application/json; boundary=x', undefined, false],
    ['application/graphql-response+json', undefined, false],
    ['text/plain', undefined, false],
    ['application/x-www-form-urlencoded', undefined, false],
  ])('%s (encoding %s): %s', (type, encoding, expected) => {
    const headers: Record<string, string> = { 'content-type': type };
    if (encoding) headers['content-encoding'] = encoding;
    expect(isUtf8Json(req(headers))).toBe(expected);
  });

  it('is false without a content type', () => {
    expect(isUtf8Json(req({}))).toBe(false);
  });
});

describe('parseJson: body-parser strict mode', () => {
  it.each([
    ['', {}],
    ['\ufeff', {}],
    ['{"a":1}', { a: 1 }],
    ['\ufeff{"a":1}', { a: 1 }],
    [' \r\n\t[1]', [1]],
  ])('reads %j', (text, value) => {
    expect(parseJson(text)).toEqual(value);
  });

  it.each(['"x"', '1', 'null', 'true', ' ', '{"a":', '\u00a0{}', '{"a":1}x'])(
    'refuses %j with a 400',
    (text) => {
      let error: unknown;
      try {
        parseJson(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BodyReadError);
      expect((error as BodyReadError).status).toBe(400);
    },
  );
});
