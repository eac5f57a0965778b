import { describe, expect, it } from 'vitest';
import { formatDiffText } from '../../src/report/diff-text.js';
import { ROLE } from '../helpers/diff-matrices.js';
import { everyKindReport, unchangedReport } from './diff-reports.js';

describe('diff text', () => {
  const text = formatDiffText(everyKindReport());

  it('starts with the most severe change and the counts, then whether the run fails', () => {
    const [headline, second] = text.split('\n');
    expect(headline).toBe(
      'ACCESS LOST — 3 lost, 1 possibly lost, 2 gained, 1 cause changed, 2 only in NEW, 1 only in OLD (principal × model × Region)',
    );
    expect(second).toBe('OLD old.json → NEW new.json; fails (--fail-on lost): exit 1');
  });

  it('puts each row under its most severe kind, in the order of severity', () => {
    const sections = text
      .split('\n')
      .filter((line) => /^\S.*:$/.test(line))
      .map((line) => line.slice(0, -1));
    expect(sections).toEqual([
      'Access lost (allowed → denied)',
      'Access possibly lost (allowed → conditional or incomplete, or conditional or incomplete → denied)',
      'Access gained (denied → allowed)',
      'Same access, another cause',
      'Only in NEW',
      'Notes',
    ]);
  });

  it('shows each changed check with what decided it and the error AWS now returns', () => {
    expect(text).toContain(`  ${ROLE}-lost × amazon.nova-pro-v1:0 in us-east-1: allowed → denied`);
    expect(text).toContain(
      'bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0: allowed → explicit deny in a service control policy (level Root): arn:aws:organizations::111122223333:policy/o-exampleorgid/service_control_policy/p-deny Sid DenyRegions (app.json:4)',
    );
    expect(text).toContain('      AWS now returns: User: … with an explicit deny in a service control policy');
  });

  it('says when an allowed call fails all the same', () => {
    expect(text).toContain(`${ROLE}-eol × amazon.nova-pro-v1:0 in us-east-1: allowed → allowed, but the call fails`);
    expect(text).toContain('+ finding now: error model-access: ResourceNotFoundException');
  });

  it('names a row on one side only without listing its checks', () => {
    expect(text).toContain(`  ${ROLE}-added × amazon.nova-pro-v1:0 in us-east-1: absent → allowed (also added)`);
    const added = text.slice(text.indexOf(`${ROLE}-added`));
    expect(added.split('\n')[1]).not.toMatch(/^ {4}bedrock:/);
  });

  it('notes the catalog dates', () => {
    expect(text).toContain('  - OLD used the Bedrock model catalog dated 2026-05-01, NEW the one dated 2026-06-01');
  });

  it('says NO CHANGE and exit 0 when nothing changed', () => {
    expect(formatDiffText(unchangedReport())).toBe(
      'NO CHANGE — 1 unchanged (principal × model × Region)\nOLD old.json → NEW new.json; passes (--fail-on lost): exit 0\n',
    );
  });
});
