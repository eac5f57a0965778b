import { describe, expect, it } from 'vitest';
import { ambiguitiesOf } from '../../src/analysis/ambiguity.js';
import { cliHint, message, placeholderPrincipal } from '../../src/model/index.js';
import { renderCliHints, renderIacHints, renderScanHints } from '../../src/report/cli-hints.js';

// Below cli/ and report/ nothing names a CLI option: the analysis writes a hint (a code), and the report
// renders it in the CLI's words, so the same analysis can serve a front end without those options.
describe('CLI hints', () => {
  it('the analysis names no option; the report renders the CLI words', () => {
    const [ambiguity] = ambiguitiesOf(placeholderPrincipal());
    expect(JSON.stringify(ambiguity)).not.toContain('--principal');
    expect(renderCliHints(ambiguity!.dependsOn)).toBe("depending on the caller's account (pass --principal)");
    const [assumption] = placeholderPrincipal().assumptions;
    expect(JSON.stringify(assumption)).not.toContain('--principal');
    expect(renderCliHints(assumption)).toMatch(/^no --principal given: the caller is shown as a placeholder/);
  });

  it('renders hints anywhere in plain data and keeps what holds none as it is', () => {
    const untouched = { checks: [{ action: 'bedrock:InvokeModel' }] };
    const report = { unresolved: [`x ${cliHint('trust-model-say-so')}`], untouched };
    const rendered = renderCliHints(report);
    expect(rendered.unresolved).toEqual(['x pass --trust-model to say so']);
    expect(rendered.untouched).toBe(untouched);
    expect(renderCliHints(untouched)).toBe(untouched);
  });

  it('an API key of unknown kind and a model newer than the catalog: iac names its configuration and check', () => {
    const auth = message('api-key-auth', { kind: 'unknown' });
    expect(renderCliHints(auth)).toContain(
      '(bedrock:BearerTokenType is unknown: pass --auth api-key=short-term or api-key=long-term)',
    );
    expect(renderIacHints(auth)).toContain(
      'set `auth: api-key=short-term` or `auth: api-key=long-term` in .policy-check.yml',
    );
    expect(renderIacHints(auth)).not.toContain('--auth');
    const untrusted = message('model-not-trusted', { model: 'acme.new-v9', catalogDate: '2026-11-27' });
    expect(renderCliHints(untrusted)).toMatch(/\(pass --trust-model if it is newer than the catalog\)$/);
    expect(renderIacHints(untrusted)).toMatch(
      /\(if it is newer than the catalog, check one principal with `policy-check check --trust-model` to say so\)$/,
    );
  });

  it('policy-check iac names its configuration file where the other commands name a flag', () => {
    const note = message('vpc-endpoints-checked', { count: 2 });
    expect(renderScanHints(note)).toMatch(/\(--vpc-endpoint ID evaluates every call through one\)$/);
    expect(renderIacHints(note)).toMatch(
      /\(`vpcEndpoint: ID` in \.policy-check\.yml evaluates every call through one\)$/,
    );
    // No key of the configuration sets these: the words point at one principal's check.
    const signs = { code: 'caller-signs-itself', params: {} } as const;
    expect(renderCliHints(signs)).toContain('; pass --context aws:ViaAWSService=true for a call');
    expect(renderIacHints(signs)).toContain(
      '; check one principal with `policy-check check --context aws:ViaAWSService=true` for a call',
    );
    // Only while the IaC report is worded: the scan's words come back after.
    expect(renderScanHints({ notes: [note] }).notes[0]).toContain('(--vpc-endpoint ID');
  });
});
