/** Where an HCL element stands: 1-based line and column, end exclusive (as Span counts it). */
export interface HclRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface HclBody {
  readonly attributes: readonly HclAttribute[];
  readonly blocks: readonly HclBlock[];
}

interface HclAttribute {
  readonly name: string;
  readonly value: HclExpression;
  readonly range: HclRange;
}

export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: HclBody;
  readonly range: HclRange;
}

/** One step after the root of a traversal: `.name`, `[index]`, or a splat (`.*`, `[*]`). */
export type HclStep =
  | { readonly kind: 'attr'; readonly name: string }
  | { readonly kind: 'index'; readonly index: HclExpression }
  | { readonly kind: 'splat' };

/** A piece of a template: literal text (escapes decoded) or an interpolation; directives are `directive`. */
export type HclTemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'interpolation'; readonly expression: HclExpression }
  | { readonly kind: 'directive'; readonly text: string };

interface Located {
  readonly range: HclRange;
  /** The expression as written. */
  readonly source: string;
}

export type HclExpression = Located &
  (
    | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
    | {
        readonly kind: 'template';
        readonly parts: readonly HclTemplatePart[];
        /** For a heredoc: the line its first content line stands on. */
        readonly heredocLine?: number;
      }
    | { readonly kind: 'tuple'; readonly items: readonly HclExpression[] }
    | {
        readonly kind: 'object';
        readonly items: readonly { readonly key: HclExpression; readonly value: HclExpression }[];
      }
    | { readonly kind: 'traversal'; readonly root: string; readonly steps: readonly HclStep[] }
    | {
        readonly kind: 'call';
        readonly name: string;
        readonly args: readonly HclExpression[];
        readonly expand: boolean;
      }
    | {
        readonly kind: 'conditional';
        readonly condition: HclExpression;
        readonly whenTrue: HclExpression;
        readonly whenFalse: HclExpression;
      }
    | { readonly kind: 'unary'; readonly operator: string; readonly operand: HclExpression }
    | {
        readonly kind: 'binary';
        readonly operator: string;
        readonly left: HclExpression;
        readonly right: HclExpression;
      }
    | {
        readonly kind: 'for';
        readonly object: boolean;
        readonly keyName?: string;
        readonly valueName: string;
        readonly collection: HclExpression;
        readonly key?: HclExpression;
        readonly value: HclExpression;
        readonly condition?: HclExpression;
        readonly group: boolean;
      }
    | {
        /** Access on a non-variable expression: `f(x)[0]`, `(a).b`. */
        readonly kind: 'access';
        readonly target: HclExpression;
        readonly steps: readonly HclStep[];
      }
    | { readonly kind: 'unsupported' }
  );
