import { iacReport, type IacAnalysisOptions } from '../../src/analysis/iac/iac-report.js';
import { normalizeActions, shippedCatalog } from '../../src/bedrock/index.js';
import { EMPTY_IAC_CONFIG, type IacConfig, type IacFragment, type ModelIdUse } from '../../src/model/index.js';
import { accountsFromFragments } from '../../src/sources/iac/account-from-fragments.js';
import { matchesGlob } from '../../src/sources/iac/discover.js';
import { shippedManagedPolicyExtract } from '../../src/sources/snapshot/managed-policy-extract.js';

/** The IaC report of the fragments as `policy-check iac` makes it: us-east-1, Nova Pro, both invoke actions. */
export function runIacReport(
  fragments: IacFragment[],
  config: Partial<IacConfig> = {},
  options: {
    readonly now?: Date;
    readonly code?: { findings: []; modelIds: ModelIdUse[] };
    readonly call?: IacAnalysisOptions['call'];
  } = {},
) {
  const full: IacConfig = { ...EMPTY_IAC_CONFIG, ...config };
  const merged = accountsFromFragments(fragments, {
    config: full,
    region: 'us-east-1',
    root: '.',
    extract: shippedManagedPolicyExtract(),
  });
  const actions = normalizeActions([]);
  if (!actions.ok) throw new Error(actions.message);
  return iacReport({
    root: '.',
    config: full,
    accounts: merged.accounts,
    fragments,
    files: [],
    warnings: merged.warnings,
    region: 'us-east-1',
    models: ['amazon.nova-pro-v1:0'],
    actions: actions.actions,
    catalog: shippedCatalog(),
    now: options.now ?? new Date('2026-06-01T00:00:00Z'),
    toolVersion: '0.0.0',
    failOn: 'error',
    ...(options.code ? { code: options.code } : {}),
    ...(options.call ? { call: options.call } : {}),
    matchesPath: matchesGlob,
  }).report;
}
