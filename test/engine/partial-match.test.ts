import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileClause } from '../../src/engine/conditions/index.js';
import { makeContext, type PartialValue, type RequestContext, type Tri } from '../../src/model/index.js';

/*
 * aws:PrincipalArn for a role session is the role's ARN, path included
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn),
 * and an assumed-role session ARN does not show the path
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns). An IAM
 * path is "/" or "/…/" of printable ASCII characters U+0021–U+007E
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html). A condition is decided only when
 * it gives the same answer for every path.
 */

const ACCOUNT = '111122223333';
const PREFIX = `arn:aws:iam::${ACCOUNT}:role`;
const roleArn = (path: string, name = 'App') => `${PREFIX}${path}${name}`;
const hidden = (name = 'App'): PartialValue => ({ prefix: PREFIX, hidden: 'iam-path', suffix: name });
const sessionContext = (name = 'App'): RequestContext =>
  makeContext([], { partial: [['aws:PrincipalArn', hidden(name)]], otherKeys: 'absent' });
const concreteContext = (path: string, name = 'App'): RequestContext =>
  makeContext([['aws:PrincipalArn', [roleArn(path, name)]]], { otherKeys: 'absent' });

const evaluateWith = (operator: string, values: readonly string[], context: RequestContext): Tri =>
  compileClause(
    { operator, key: 'aws:PrincipalArn', values, span: { file: 'p.json', line: 1, column: 1 } },
    { substituteVariables: true },
  ).evaluate(context);

describe('aws:PrincipalArn of a session, known up to the role path', () => {
  it.each([
    ['StringLike', `${PREFIX}/*`, true],
    ['StringLike', `${PREFIX}/*App`, true],
    ['ArnLike', 'arn:aws:iam::*:role/*', true],
    ['ArnLike', `arn:aws:iam::${ACCOUNT}:role/*App`, true],
    ['ArnLikeIfExists', 'arn:aws:iam::*:role/*', true],
    ['ForAnyValue:ArnLike', 'arn:aws:iam::*:role/*', true],
    ['ForAllValues:StringLike', `${PREFIX}/*`, true],
    ['StringNotLike', `${PREFIX}/*`, false],
    ['ArnNotLike', 'arn:aws:iam::*:role/*', false],
    ['StringLike', `${PREFIX}/*Other`, false],
    ['ArnLike', 'arn:aws:iam::999999999999:role/*', false],
    ['ArnEquals', `arn:aws:iam::${ACCOUNT}:user/App`, false],
    ['StringEquals', roleArn('/', 'Other'), false],
    ['StringNotEquals', roleArn('/', 'Other'), true],
    ['StringNotEqualsIfExists', roleArn('/', 'Other'), true],
    ['StringEqualsIgnoreCase', roleArn('/', 'OTHER'), false],
    ['StringNotLike', `${PREFIX}/*Other`, true],
    // One character after the first slash then the name: no path ("/" or "/…/") fits.
    ['StringLike', `${PREFIX}/?App`, false],
  ] as const)('%s %s is decided: %s', (operator, value, expected) => {
    expect(evaluateWith(operator, [value], sessionContext())).toBe(expected);
  });

  it.each([
    // Only some paths match: the decision depends on the hidden path.
    ['StringEquals', roleArn('/')],
    ['StringEqualsIgnoreCase', roleArn('/').toUpperCase()],
    ['StringLike', `${PREFIX}/team/*`],
    ['ArnLike', 'arn:aws:iam::*:role/restricted/*'],
    ['ArnNotEquals', `arn:aws:iam::${ACCOUNT}:role/App`],
    ['StringLike', `${PREFIX}/??App`],
  ] as const)('%s %s stays unknown', (operator, value) => {
    expect(evaluateWith(operator, [value], sessionContext())).toBe('unknown');
  });

  it('operators that do not compare strings or ARNs stay unknown', () => {
    expect(evaluateWith('NumericEquals', ['1'], sessionContext())).toBe('unknown');
    expect(evaluateWith('Bool', ['true'], sessionContext())).toBe('unknown');
  });

  it('two values that each cover only some paths are not combined into a decision (sound, not complete)', () => {
    expect(evaluateWith('StringLike', [roleArn('/'), `${PREFIX}/*/App`], sessionContext())).toBe('unknown');
  });
});

describe('property: never decides where some concrete path disagrees (brute force)', () => {
  const NAMES = ['App', 'A', 'p'];
  const pieces = [
    'arn:aws:iam::',
    ACCOUNT,
    ':role',
    '/',
    'App',
    'A',
    'p',
    'x',
    ':',
    '*',
    '?',
    'role/',
    '*/',
    '/*',
    'a',
  ];
  const patternArb = fc.oneof(
    fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
    // Close to the real thing: the prefix, then a random tail.
    fc.array(fc.constantFrom(...pieces), { maxLength: 5 }).map((parts) => `${PREFIX}${parts.join('')}`),
    fc.array(fc.constantFrom(...pieces), { maxLength: 5 }).map((parts) => `arn:aws:iam::*:role${parts.join('')}`),
  );
  const operatorArb = fc.constantFrom(
    'StringLike',
    'StringNotLike',
    'StringEquals',
    'StringNotEquals',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
    'ArnLike',
    'ArnNotLike',
    'ArnEquals',
    'ArnNotEquals',
    'StringLikeIfExists',
    'ArnNotLikeIfExists',
    'ForAnyValue:StringLike',
    'ForAllValues:ArnNotLike',
  );
  const pathCharArb = fc.constantFrom('a', '/', 'A', 'p', 'x', ':', '*', '?', 'e', '~', '!');
  const pathArb = fc.array(pathCharArb, { minLength: 1, maxLength: 6 }).map((chars) => `/${chars.join('')}/`);
  const FIXED_PATHS = ['/', '/a/', '/x/y/', '///', '/*/', '/?/', '/:/', '/A/', '/App/', '/role/', '/a/App/', '/~/'];

  it('a true or false answer holds for every path tried', () => {
    fc.assert(
      fc.property(
        operatorArb,
        fc.array(patternArb, { minLength: 1, maxLength: 2 }),
        fc.constantFrom(...NAMES),
        fc.array(pathArb, { maxLength: 12 }),
        (operator, values, name, paths) => {
          const answer = evaluateWith(operator, values, sessionContext(name));
          if (answer === 'unknown') return;
          for (const path of [...FIXED_PATHS, ...paths]) {
            expect(
              evaluateWith(operator, values, concreteContext(path, name)),
              `${operator} ${JSON.stringify(values)} ${name} at ${path}`,
            ).toBe(answer);
          }
        },
      ),
      { numRuns: 3000, seed: 64 },
    );
  });

  it('the generators reach decided answers both ways (otherwise the property proves little)', () => {
    const seen = { true: 0, false: 0, unknown: 0 };
    fc.assert(
      fc.property(
        operatorArb,
        fc.array(patternArb, { minLength: 1, maxLength: 2 }),
        fc.constantFrom(...NAMES),
        (operator, values, name) => {
          seen[String(evaluateWith(operator, values, sessionContext(name))) as keyof typeof seen]++;
        },
      ),
      { numRuns: 1000, seed: 64 },
    );
    expect(seen.true, JSON.stringify(seen)).toBeGreaterThan(50);
    expect(seen.false, JSON.stringify(seen)).toBeGreaterThan(50);
    expect(seen.unknown, JSON.stringify(seen)).toBeGreaterThan(10);
  });
});
