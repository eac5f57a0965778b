import { describe, expect, it } from 'vitest';
import { statementKey } from '../../src/model/index.js';

describe('statementKey', () => {
  it('is the policy id and the statement index, whatever the Sid or location', () => {
    const a = statementKey({ policyId: 'arn:aws:iam::111122223333:policy/p', statementIndex: 2 });
    expect(a).toBe('arn:aws:iam::111122223333:policy/p#2');
    const located = {
      policyId: 'arn:aws:iam::111122223333:policy/p',
      statementIndex: 2,
      sid: 'S',
      location: { kind: 'file' as const, file: 'p.json', line: 3, column: 5 },
    };
    expect(statementKey(located)).toBe(a);
  });

  it('tells statements and policies apart', () => {
    expect(statementKey({ policyId: 'p', statementIndex: 0 })).not.toBe(
      statementKey({ policyId: 'p', statementIndex: 1 }),
    );
    expect(statementKey({ policyId: 'p', statementIndex: 0 })).not.toBe(
      statementKey({ policyId: 'q', statementIndex: 0 }),
    );
  });
});
