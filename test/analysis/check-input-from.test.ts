// The one check-input builder (src/analysis/check-input-from.ts) and the catalog handed in with it:
// every way in (check, explain's reproduction) goes through it, and nothing below analysis reads the
// shipped catalog on its own.
import { describe, expect, it } from 'vitest';
import { check, checkInputFrom, reproduceError, type CheckOptions } from '../../src/analysis/index.js';
import { accessDeniedMessage, createCatalog, shippedCatalog, type CatalogFile } from '../../src/bedrock/index.js';
import { explainError } from '../../src/diagnose/explain/index.js';
import {
  formatInputIssue,
  message as messageOf,
  parsePrincipal,
  type PrincipalPolicies,
} from '../../src/model/index.js';
import { doc, policy, scpLevel } from '../helpers/policies.js';

const NOW = new Date('2026-11-27T12:00:00Z');
const MODEL = 'amazon.nova-lite-v1:0';
const PRINCIPAL = parsePrincipal('arn:aws:iam::123456789012:role/app')!;
const ALLOW = policy(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }));
const OPTIONS: CheckOptions = {
  model: MODEL,
  region: 'us-east-1',
  actions: ['bedrock:InvokeModel'],
  now: NOW,
  toolVersion: 't',
};

describe('checkInputFrom', () => {
  it('takes the policies, the principal, corrections and warnings from the source and the call from the options', () => {
    const boundary = policy(doc({ Effect: 'Allow', Action: '*', Resource: '*' }), { type: 'permissions-boundary' });
    const policies: PrincipalPolicies = {
      principal: PRINCIPAL,
      identity: [ALLOW],
      scpLevels: [scpLevel('Root')],
      permissionsBoundary: boundary,
      sessionPolicies: [],
      warnings: [
        {
          severity: 'warning',
          code: 'policy-too-large',
          file: 'identity.json',
          line: 1,
          column: 1,
          message: 'too large',
        },
      ],
      actionCorrections: [],
      assumptions: [messageOf('no-scps-given')],
    };
    const input = checkInputFrom(policies, {
      ...OPTIONS,
      assumptions: [messageOf('region-from', { source: 'AWS_REGION', region: 'us-east-1' })],
    });
    expect(input).toMatchObject({
      principal: PRINCIPAL,
      identity: [ALLOW],
      permissionsBoundary: boundary,
      model: MODEL,
      region: 'us-east-1',
    });
    expect(input.scpLevels).toEqual(policies.scpLevels);
    // An empty list of session policies is no session policy at all (a session policy list that is empty denies everything).
    expect(input).not.toHaveProperty('sessionPolicies');
    expect(input).not.toHaveProperty('actionCorrections');
    expect(input.inputWarnings?.map(formatInputIssue)).toEqual(['identity.json:1:1: warning: too large']);
    expect(input.assumptions).toEqual([
      messageOf('region-from', { source: 'AWS_REGION', region: 'us-east-1' }),
      messageOf('no-scps-given'),
    ]);
  });

  it('a check through the builder equals the check assembled by hand', () => {
    const viaBuilder = check(
      checkInputFrom({ principal: PRINCIPAL, identity: [ALLOW], assumptions: [messageOf('role-tags')] }, OPTIONS),
    );
    const byHand = check({
      ...OPTIONS,
      principal: PRINCIPAL,
      identity: [ALLOW],
      assumptions: [messageOf('role-tags')],
    });
    expect(viaBuilder).toEqual(byHand);
  });
});

describe('the catalog is handed in', () => {
  // A catalog that knows the model under another date: the report states the catalog it was given.
  const file = { compiledOn: '2001-02-03', sources: shippedCatalog().sources, models: [], profiles: [] } as CatalogFile;
  const empty = createCatalog(file);

  it('check() states the date of the catalog it was given and expands and diagnoses against it', () => {
    const given = check(checkInputFrom({ principal: PRINCIPAL, identity: [ALLOW] }, { ...OPTIONS, catalog: empty }));
    expect(given.catalogDate).toBe('2001-02-03');
    expect(
      given.findings.some(
        (finding) => finding.rule === 'model-access' && JSON.stringify(finding).includes('2001-02-03'),
      ),
    ).toBe(true);
    const shipped = check(checkInputFrom({ principal: PRINCIPAL, identity: [ALLOW] }, OPTIONS));
    expect(shipped.catalogDate).toBe(shippedCatalog().compiledOn);
    expect(JSON.stringify(shipped.findings).includes('2001-02-03')).toBe(false);
  });

  it("explain's reproduction uses the catalog it was given", () => {
    const message = accessDeniedMessage({
      principal: PRINCIPAL.displayArn,
      action: 'bedrock:InvokeModel',
      resource: `arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`,
      policyType: 'identity',
      kind: 'implicit',
    });
    const reproduction = reproduceError({
      explanation: explainError(message),
      identity: [],
      principal: PRINCIPAL,
      fallbackRegion: {
        region: 'us-east-1',
        assumption: messageOf('message-region-from', { source: '--region', region: 'us-east-1' }),
      },
      now: NOW,
      toolVersion: 't',
      catalog: empty,
    });
    expect(reproduction.status).toBe('reproduced');
    expect(JSON.stringify(reproduction.findings)).toContain('2001-02-03');
  });
});
