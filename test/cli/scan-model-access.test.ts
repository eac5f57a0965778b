// scan --snapshot with the account's Bedrock state: model access (GetFoundationModelAvailability) and the
// inference profiles' destination Regions (ListInferenceProfiles) decide cells, through the built CLI.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, requireBuiltCli, runCli } from './helpers.js';

requireBuiltCli();

/*
 * policies-examples/account-model-access/snapshot.json; the states follow "Request access to models"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html) and
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetFoundationModelAvailability.html.
 */
const SNAPSHOT = join(EXAMPLES, 'account-model-access', 'snapshot.json');
const MODELS = [
  'amazon.nova-pro-v1:0', // AWS's own: agreement and entitlement NOT_AVAILABLE do not gate it
  'us.amazon.nova-pro-v1:0', // destinations listed by the account: us-west-1 more than the catalog
  'cohere.embed-v4:0', // Marketplace, not subscribed: the first call needs aws-marketplace permissions
  'cohere.embed-english-v3', // authorizationStatus NOT_AUTHORIZED
  'writer.palmyra-vision-7b', // regionAvailability NOT_AVAILABLE
  'amazon.nova-lite-v1:0', // not in the snapshot's modelAvailability
];

interface Cell {
  readonly principal: string;
  readonly model: string;
  readonly verdict: string;
  readonly findings: { rule: string; severity: string; predictedError?: { message: string } }[];
}

function scan(): { code: number | null; cells: Cell[]; notes: string[] } {
  const result = runCli([
    'scan',
    '--snapshot',
    SNAPSHOT,
    '--models',
    MODELS.join(','),
    '--region',
    'us-east-1',
    '--format',
    'json',
  ]);
  const report = JSON.parse(result.stdout) as { matrix: Cell[]; notes: string[] };
  return { code: result.code, cells: report.matrix, notes: report.notes };
}

/** As the tables show a cell: allowed by the policies but stopped by an error finding, it fails. */
const shown = (cell: Cell) =>
  cell.verdict === 'allowed' && cell.findings.some((finding) => finding.severity === 'error') ? 'fails' : cell.verdict;

describe('scan --snapshot: the account model access and listed inference profiles', () => {
  const { code, cells, notes } = scan();
  const of = (role: string) =>
    Object.fromEntries(
      cells.filter((cell) => cell.principal.endsWith(`:role/${role}`)).map((cell) => [cell.model, shown(cell)]),
    );

  it('gives each cell the verdict the account state and the policies together decide', () => {
    expect(of('app')).toEqual({
      'amazon.nova-pro-v1:0': 'allowed',
      'us.amazon.nova-pro-v1:0': 'allowed',
      'cohere.embed-v4:0': 'fails',
      'cohere.embed-english-v3': 'fails',
      'writer.palmyra-vision-7b': 'fails',
      'amazon.nova-lite-v1:0': 'incomplete',
    });
    expect(of('subscriber')).toEqual({
      'amazon.nova-pro-v1:0': 'allowed',
      'us.amazon.nova-pro-v1:0': 'allowed',
      'cohere.embed-v4:0': 'allowed',
      'cohere.embed-english-v3': 'fails',
      'writer.palmyra-vision-7b': 'fails',
      'amazon.nova-lite-v1:0': 'incomplete',
    });
    expect(code).toBe(1);
  });

  it('predicts the AWS text of a refused model', () => {
    const refused = cells.find((cell) => cell.model === 'cohere.embed-english-v3');
    expect(refused?.findings.map((finding) => [finding.severity, finding.predictedError?.message])).toContainEqual([
      'error',
      "You don't have access to the model with the specified model ID.",
    ]);
  });

  it('notes where the listed destination Regions differ from the catalog', () => {
    expect(notes.some((note) => note.includes('listed but not in the catalog: us-west-1'))).toBe(true);
  });
});
