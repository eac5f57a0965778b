import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileClause } from '../../../src/engine/conditions/index.js';
import { ctx } from './helpers.js';

/** A negated operator and the positive form it negates, with generators of policy and request values. */
interface Pair {
  readonly negated: string;
  readonly positive: string;
  readonly policyValue: fc.Arbitrary<string>;
  readonly requestValue: fc.Arbitrary<string>;
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'A', '*', '?', '-', ':', '/', '$', '{', '}'), maxLength: 8 });
const number = fc.oneof(
  fc.integer({ min: -50, max: 50 }).map(String),
  fc.double({ min: -50, max: 50, noNaN: true }).map((n) => n.toFixed(2)),
);
const date = fc.oneof(
  fc.integer({ min: 0, max: 4_000_000_000 }).map(String),
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2024-01-01', '2024-01-01T00:00:00+01:00', 'garbage'),
);
const ipv4 = fc
  .tuple(
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
  )
  .map((o) => o.join('.'));
const ipv6 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
  .map((g) => g.map((x) => x.toString(16)).join(':'));
const cidr = fc.oneof(
  fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(ipv6, fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`),
  ipv4,
);
const arnPart = fc.string({ unit: fc.constantFrom('a', 'b', '1', '*', '?', '-', '/'), maxLength: 5 });
const arn = fc
  .tuple(arnPart, arnPart, arnPart, arnPart, fc.string({ unit: fc.constantFrom('a', ':', '*', '/'), maxLength: 6 }))
  .map((p) => `arn:${p.join(':')}`);

const PAIRS: readonly Pair[] = [
  { negated: 'StringNotEquals', positive: 'StringEquals', policyValue: word, requestValue: word },
  { negated: 'StringNotEqualsIgnoreCase', positive: 'StringEqualsIgnoreCase', policyValue: word, requestValue: word },
  { negated: 'StringNotLike', positive: 'StringLike', policyValue: word, requestValue: word },
  { negated: 'NumericNotEquals', positive: 'NumericEquals', policyValue: number, requestValue: fc.oneof(number, word) },
  {
    negated: 'DateNotEquals',
    positive: 'DateEquals',
    policyValue: date.filter((d) => d !== 'garbage'),
    requestValue: date,
  },
  { negated: 'NotIpAddress', positive: 'IpAddress', policyValue: cidr, requestValue: fc.oneof(ipv4, ipv6, word) },
  { negated: 'ArnNotEquals', positive: 'ArnEquals', policyValue: arn, requestValue: fc.oneof(arn, word) },
  { negated: 'ArnNotLike', positive: 'ArnLike', policyValue: arn, requestValue: fc.oneof(arn, word) },
];

const evaluate = (operator: string, values: readonly string[], request: readonly string[]) =>
  compileClause(
    { operator, key: 'k:key', values, span: { file: 'p.json', line: 1, column: 1 } },
    { substituteVariables: true },
  ).evaluate(ctx({ 'k:key': request }));

describe('properties', () => {
  for (const pair of PAIRS) {
    it(`${pair.negated} is the complement of ${pair.positive} when the key has a value`, () => {
      fc.assert(
        fc.property(
          fc.array(pair.policyValue, { minLength: 1, maxLength: 3 }),
          pair.requestValue,
          (values, request) => {
            const positive = evaluate(pair.positive, values, [request]);
            expect(typeof positive).toBe('boolean');
            expect(evaluate(pair.negated, values, [request])).toBe(!positive);
          },
        ),
      );
    });

    it(`ForAnyValue:${pair.negated} holds iff some request value fails ForAllValues:${pair.positive}`, () => {
      fc.assert(
        fc.property(
          fc.array(pair.policyValue, { minLength: 1, maxLength: 3 }),
          fc.array(pair.requestValue, { minLength: 1, maxLength: 3 }),
          (values, request) => {
            const everyMatches = evaluate(`ForAllValues:${pair.positive}`, values, request);
            expect(evaluate(`ForAnyValue:${pair.negated}`, values, request)).toBe(!everyMatches);
          },
        ),
      );
    });
  }

  const all = [
    ...PAIRS.flatMap((pair) => [
      { operator: pair.positive, policyValue: pair.policyValue, requestValue: pair.requestValue },
      { operator: pair.negated, policyValue: pair.policyValue, requestValue: pair.requestValue },
    ]),
  ];
  for (const { operator, policyValue, requestValue } of all) {
    it(`${operator}IfExists equals ${operator} when the key is present`, () => {
      fc.assert(
        fc.property(
          fc.array(policyValue, { minLength: 1, maxLength: 3 }),
          fc.array(requestValue, { minLength: 1, maxLength: 3 }),
          (values, request) => {
            expect(evaluate(`${operator}IfExists`, values, request)).toBe(evaluate(operator, values, request));
            expect(evaluate(`ForAnyValue:${operator}IfExists`, values, request)).toBe(
              evaluate(`ForAnyValue:${operator}`, values, request),
            );
            expect(evaluate(`ForAllValues:${operator}IfExists`, values, request)).toBe(
              evaluate(`ForAllValues:${operator}`, values, request),
            );
          },
        ),
      );
    });
  }

  it('an unknown key is decided only with the answer every concrete state gives', () => {
    const states: (readonly string[] | null)[] = [null, ['a'], ['b'], [''], ['a', 'b'], ['x*y']];
    const operators = ['StringLike', 'StringNotLike', 'StringEquals', 'StringNotEquals'].flatMap((base) =>
      [base, `${base}IfExists`].flatMap((op) => [op, `ForAnyValue:${op}`, `ForAllValues:${op}`]),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...operators),
        fc.array(fc.constantFrom('*', 'a', '${k:none}', '?', ''), { minLength: 1, maxLength: 2 }),
        (operator, values) => {
          const compiled = compileClause(
            { operator, key: 'k:key', values, span: { file: 'p', line: 1, column: 1 } },
            { substituteVariables: true },
          );
          const unknownResult = compiled.evaluate(ctx({}, 'unknown'));
          if (unknownResult === 'unknown') return;
          for (const state of states) {
            expect(compiled.evaluate(state === null ? ctx({}) : ctx({ 'k:key': state }))).toBe(unknownResult);
          }
        },
      ),
    );
  });
});
