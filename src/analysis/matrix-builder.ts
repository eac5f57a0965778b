import {
  uniqueMessages,
  type AccessMatrix,
  type AccountModel,
  type Assumption,
  type MatrixCell,
  type MatrixPrincipal,
  type MatrixResult,
  type Note,
  type Unresolved,
} from '../model/index.js';
import { callOptionsOf } from './call-options.js';
import { causeChunk, finishCauses, type CauseChunk, type CellEntry } from './matrix-causes.js';
import { mergeEndpointCounts } from './vpc-endpoints.js';
import type { MatrixOptions } from './matrix.js';
import type { AccountPrincipal } from './matrix-principals.js';

/** One account's part of the matrix: its selected principals' cells (sorted) and the results they read. */
export interface MatrixChunk {
  readonly selected: readonly AccountPrincipal[];
  readonly cells: CellEntry[];
  readonly results: MatrixResult[];
  /** Notes of the grouping (before the results' own). */
  readonly notes: Note[];
  readonly groups: number;
  readonly evaluations: number;
}

/** A cell as the matrix keeps it: its index into the results and its causes are set when the chunks are joined. */
type KeptCell = { -readonly [K in keyof MatrixCell]: MatrixCell[K] };

const NO_CAUSES: readonly number[] = [];

/** What the matrix keeps of an account once its cells are in: no account model, no report unless asked. */
interface KeptChunk {
  readonly principals: MatrixPrincipal[];
  readonly cells: KeptCell[];
  readonly causes: CauseChunk;
  readonly results: MatrixResult[];
  readonly resultCount: number;
  readonly groups: number;
  readonly evaluations: number;
  readonly notes: Note[];
  readonly resultNotes: Note[];
  readonly unresolved: Unresolved[];
  readonly assumptions: Assumption[];
  readonly first?: { readonly catalogDate: string; readonly actions: readonly string[] };
  /** The files of the policies the results read (where --output must not write). */
  readonly policyFiles: ReadonlySet<string>;
}

/**
 * Assembles the matrix from account chunks given in any order, each chunk every snapshot of its account. A
 * principal's ARN starts with its account's (`arn:partition:iam::account:`), so the chunks sorted by their first
 * principal, cells concatenated, are the cells sorted by principal; their causes are merged in that order, so the
 * matrix is the one all cells at once would give, byte for byte.
 */
export function matrixAssembly(
  options: MatrixOptions,
  models: readonly string[],
  modelsFrom: AccessMatrix['modelsFrom'],
  keepReports: boolean,
) {
  const accounts: AccessMatrix['accounts'][number][] = [];
  const chunks: KeptChunk[] = [];
  // The last chunk still holds on to its account (see `detached`) until the next account comes: a matrix of one
  // account, the largest case, never copies what it keeps.
  let attached: number | undefined;
  let finished = false;
  return {
    add(models: readonly AccountModel[], chunk: MatrixChunk): void {
      if (attached !== undefined) chunks[attached] = detached(chunks[attached]!);
      for (const account of models) accounts.push(accountEntry(account));
      chunks.push(keep(chunk, keepReports));
      attached = keepReports ? undefined : chunks.length - 1;
    },
    /** The policy files the results read, of every account added. */
    policyFiles(): string[] {
      return [...new Set(chunks.flatMap((chunk) => [...chunk.policyFiles]))];
    },
    finish(): AccessMatrix {
      // Its cells are numbered and its causes merged in place.
      if (finished) throw new Error('a matrix is finished once');
      finished = true;
      const ordered = chunks
        .filter((chunk) => chunk.cells.length > 0 || chunk.principals.length > 0)
        .sort((a, b) => compare(a.principals[0]?.arn ?? '', b.principals[0]?.arn ?? ''));
      for (const [index, chunk] of ordered.entries()) {
        const next = ordered[index + 1];
        if (next && compare(chunk.principals.at(-1)!.arn, next.principals[0]!.arn) >= 0)
          throw new Error(`the principals of two accounts interleave (${next.principals[0]!.arn})`);
      }
      const { causes, causesOfCell } = finishCauses(ordered.map((chunk) => chunk.causes));
      // The kept cells become the matrix's: two million cells (100 accounts) are not copied at the end.
      const finalCells: MatrixCell[] = [];
      const results: MatrixResult[] = [];
      let offset = 0;
      for (const chunk of ordered) {
        for (const cell of chunk.cells) {
          cell.result += offset;
          cell.causes = causesOfCell[finalCells.length]!;
          finalCells.push(cell);
        }
        results.push(...chunk.results);
        offset += chunk.resultCount;
      }
      const tally = { allowed: 0, fails: 0, denied: 0, conditional: 0, incomplete: 0 };
      for (const cell of finalCells) {
        if (cell.fails) tally.fails++;
        else if (cell.verdict === 'allowed') tally.allowed++;
        if (cell.verdict !== 'allowed') tally[cell.verdict]++;
      }
      const first = ordered.find((chunk) => chunk.first)?.first;
      return {
        schemaVersion: 1,
        kind: 'matrix',
        tool: { name: 'policy-check', version: options.toolVersion },
        catalogDate: first?.catalogDate ?? options.catalog.compiledOn,
        accounts,
        region: options.region,
        actions: first?.actions ?? options.actions,
        // As given: an api-key call of unknown kind is short-term for roles, per principal, in each cell's report.
        ...callOptionsOf(options),
        models: [...models],
        modelsFrom,
        principals: ordered.flatMap((chunk) => chunk.principals),
        cells: finalCells,
        results,
        causes,
        summary: {
          cells: finalCells.length,
          ...tally,
          principalGroups: ordered.reduce((sum, chunk) => sum + chunk.groups, 0),
          evaluations: ordered.reduce((sum, chunk) => sum + chunk.evaluations, 0),
        },
        // Each once; report/ words them and sorts them by their words.
        unresolved: uniqueMessages(ordered.flatMap((chunk) => chunk.unresolved)),
        assumptions: uniqueMessages(ordered.flatMap((chunk) => chunk.assumptions)),
        notes: uniqueMessages([
          // Each account counts its own endpoints: the matrix says how many in all, once.
          ...mergeEndpointCounts(ordered.flatMap((chunk) => chunk.notes)),
          ...ordered.flatMap((chunk) => chunk.resultNotes),
        ]),
      };
    },
  };
}

/**
 * The accounts grouped by account id, in the order each id first comes: several snapshots of one account are
 * one chunk (their principals interleave, and may share a group).
 */
export function sameAccountGroups(accounts: readonly AccountModel[]): AccountModel[][] {
  const groups = new Map<string, AccountModel[]>();
  for (const account of accounts) {
    const group = groups.get(account.accountId);
    if (group) group.push(account);
    else groups.set(account.accountId, [account]);
  }
  return [...groups.values()];
}

function keep(chunk: MatrixChunk, keepReports: boolean): KeptChunk {
  const { results } = chunk;
  const report = results[0]?.report;
  const copy = ownCopies();
  // Written out rather than spread: an object literal keeps its fields in the object, a spread copy adds a
  // property store (a matrix of 100 accounts holds two million cells).
  const cells = chunk.cells.map(
    ({ cell }): KeptCell => ({
      principal: copy(cell.principal),
      principalType: cell.principalType,
      model: cell.model,
      region: cell.region,
      verdict: cell.verdict,
      fails: cell.fails,
      result: cell.result,
      causes: NO_CAUSES,
    }),
  );
  const causes = causeChunk(chunk.cells.map((entry, index) => ({ ...entry, cell: cells[index]! })));
  return {
    principals: chunk.selected.map((entry) => ({
      arn: copy(entry.entry.arn),
      name: copy(entry.entry.name),
      type: entry.type,
      displayArn: copy(entry.principal.displayArn),
    })),
    cells,
    causes,
    results: keepReports ? results : [],
    resultCount: results.length,
    groups: chunk.groups,
    evaluations: chunk.evaluations,
    notes: uniqueMessages(chunk.notes),
    resultNotes: uniqueMessages(results.flatMap((result) => result.report.notes)),
    unresolved: uniqueMessages(results.flatMap((result) => result.report.unresolved)),
    assumptions: uniqueMessages(results.flatMap((result) => result.report.assumptions)),
    ...(report ? { first: { catalogDate: report.catalogDate, actions: report.input.actions } } : {}),
    policyFiles: new Set(
      results.flatMap((result) => result.report.input.policies.flatMap((policy) => policy.file ?? [])),
    ),
  };
}

/**
 * Without the reports, nothing else of the account need stay once the next account comes: the causes' findings
 * and the messages are copied off the account's objects.
 */
function detached(chunk: KeptChunk): KeptChunk {
  return {
    ...chunk,
    causes: { builders: structuredClone(chunk.causes.builders), cellKeys: chunk.causes.cellKeys },
    notes: structuredClone(chunk.notes),
    resultNotes: structuredClone(chunk.resultNotes),
    unresolved: structuredClone(chunk.unresolved),
    assumptions: structuredClone(chunk.assumptions),
  };
}

/**
 * A copy of each string, one per value: names and ARNs read from a snapshot may be slices of its whole text,
 * which the engine (V8) keeps alive as long as any slice of it lives.
 */
function ownCopies(): (text: string) => string {
  const copies = new Map<string, string>();
  return (text) => {
    let copy = copies.get(text);
    if (copy === undefined) {
      copy = JSON.parse(JSON.stringify(text)) as string;
      copies.set(text, copy);
    }
    return copy;
  };
}

export function accountEntry(account: AccountModel): AccessMatrix['accounts'][number] {
  return {
    id: account.accountId,
    partition: account.partition,
    ...(account.organizationId ? { organizationId: ownCopies()(account.organizationId) } : {}),
    source: account.origin.file ?? account.origin.kind,
    ...(account.managedPolicyExtract
      ? {
          managedPolicyExtract: {
            date: account.managedPolicyExtract.date,
            source: account.managedPolicyExtract.source,
          },
        }
      : {}),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
