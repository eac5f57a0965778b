import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/diagnose/rules/index.js';
import { formatMatrixSarif } from '../../src/report/matrix-sarif.js';
import { denyAll, denyInPolicy, shared, uncertain } from './matrix-fixtures.js';
import { parseSarif, type SarifLog } from './sarif-schema.js';

const ROLE = (name: string) => `arn:aws:iam::111122223333:role/${name}`;

const resultsOf = (log: SarifLog): SarifLog[] => log.runs[0].results;

describe('matrix SARIF', () => {
  it('is a valid log with one result per cause, at the shared policy, naming every principal', () => {
    const log = parseSarif(formatMatrixSarif(shared(), RULES));
    const results = resultsOf(log);
    expect(results.map((result) => result.ruleId)).toEqual(['identity-policy', 'identity-policy']);
    for (const result of results) {
      expect(result.level).toBe('error');
      expect(result.message.text).toMatch(
        /^AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role\/App1\//,
      );
      expect(result.message.text).toContain(`3 principals: ${ROLE('App1')}, ${ROLE('App2')}, ${ROLE('Other')}`);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('snapshot.json');
      // One change to the policy the three roles share (a profile's change may add several statements).
      const changes = new Set(
        result.properties.fixes.map((fix: { summary: string; file: string }) => `${fix.file}: ${fix.summary}`),
      );
      expect([...changes]).toHaveLength(1);
      expect([...changes][0]).toMatch(/^snapshot\.json: add (an|\d+) Allow statements? to BedrockReadOnly/);
    }
    expect(results[0].partialFingerprints.primaryLocationLineHash).not.toBe(
      results[1].partialFingerprints.primaryLocationLineHash,
    );
    expect(log.runs[0].properties.summary).toMatchObject({ cells: 8, allowed: 2, denied: 6 });
  });

  it('places a cause with no statement of its own on the file its fix changes, as the check SARIF does', () => {
    const [result] = resultsOf(parseSarif(formatMatrixSarif(shared(), RULES)));
    const [location] = result.locations;
    expect(location.physicalLocation).toEqual({
      artifactLocation: { uri: 'snapshot.json' },
      region: { startLine: 1, startColumn: 1 },
    });
    expect(location.message.text).toMatch(/no single statement is at fault$/);
  });

  it('places a cause at the statement its finding points at', () => {
    const results = resultsOf(parseSarif(formatMatrixSarif(denyInPolicy(), RULES)));
    const deny = results.find((result) => result.ruleId === 'identity-policy')!;
    const statement = denyAll.statements[1]!.span;
    expect(deny.locations[0].physicalLocation.region).toMatchObject({
      startLine: statement.line,
      startColumn: statement.column,
    });
    expect(deny.message.text).toContain(`2 principals: ${ROLE('Deny1')}, ${ROLE('Deny2')}`);
  });

  it('gives a conditional outcome one warning for the principals it concerns, and each unresolved policy one', () => {
    const results = resultsOf(parseSarif(formatMatrixSarif(uncertain(), RULES)));
    const conditional = results.filter(
      (result) => result.ruleId === 'conditional-decision' && result.message.text.includes('aws:SourceIp'),
    );
    expect(conditional).toHaveLength(1);
    expect(conditional[0].level).toBe('warning');
    expect(conditional[0].message.text).toContain(`2 principals: ${ROLE('Office1')}, ${ROLE('Office2')}`);
    const incomplete = results.filter((result) => result.ruleId === 'incomplete-evaluation');
    expect(incomplete.length).toBeGreaterThanOrEqual(1);
    expect(incomplete.map((result) => result.message.text).join('\n')).toContain(
      'arn:aws:iam::aws:policy/AmazonBedrockLegacy',
    );
    for (const result of incomplete) expect(result.message.text).toContain(`1 principal: ${ROLE('Legacy')}`);
  });

  it('is deterministic', () => {
    expect(formatMatrixSarif(uncertain(), RULES)).toBe(formatMatrixSarif(uncertain(), RULES));
  });
});
