import type {
  AlternativeCode,
  Assumption,
  DependsOn,
  Finding,
  FindingCode,
  Fix,
  FixCode,
  FixDetailCode,
  IacFinding,
  IacFindingCode,
  MatrixCause,
  Message,
  MessageParams,
  Note,
  Unresolved,
} from '../../model/index.js';
import { ASSUMPTION_WORDS } from './assumption-words.js';
import { DEPENDS_ON_WORDS } from './depends-on-words.js';
import { ALTERNATIVE_WORDS, FIX_DETAIL_WORDS } from './fix-words.js';
import { NOTE_WORDS } from './note-words.js';
import { UNRESOLVED_WORDS } from './unresolved-words.js';
import type { Words } from './words.js';

/**
 * Every message a report holds besides its findings and fixes: assumptions, notes, what is unresolved, what a
 * denial depends on, what a fix's re-evaluation says when it is not a count, what else could be done.
 */
export type ReportMessage =
  | Assumption
  | Note
  | Unresolved
  | DependsOn
  | Message<FixDetailCode>
  | Message<AlternativeCode>;

/** The words of every report message, by code (the codes of the four kinds are distinct; a test holds them so). */
export const MESSAGE_WORDS: Words<ReportMessage['code']> = {
  ...ASSUMPTION_WORDS,
  ...NOTE_WORDS,
  ...UNRESOLVED_WORDS,
  ...DEPENDS_ON_WORDS,
  ...FIX_DETAIL_WORDS,
  ...ALTERNATIVE_WORDS,
};

/** `T` with every report message in words: what the formatters read. */
export type Worded<T> = T extends ReportMessage
  ? string
  : T extends IacFinding
    ? WordedIacFinding
    : T extends Finding
      ? WordedFinding
      : T extends MatrixCause
        ? WordedCause
        : T extends Fix
          ? WordedFix
          : WordedEntries<T>;

type WordedEntries<T> = T extends (infer Entry)[]
  ? Worded<Entry>[]
  : T extends readonly (infer Entry)[]
    ? readonly Worded<Entry>[]
    : T extends object
      ? { readonly [Key in keyof T]: Worded<T[Key]> }
      : T;

/** A finding in words (report/words/finding-words.ts), its message beside them as `code` and `params`. */
export type WordedFinding = Omit<Finding, 'message' | 'title' | 'cause' | 'fixes' | 'alternatives'> &
  FindingWordsAndData & { readonly fixes: readonly WordedFix[] };

/** What a finding's message becomes in words: its title, cause and alternatives, the message kept as `code` and `params`. */
interface FindingWordsAndData {
  readonly alternatives?: readonly string[];
  readonly title: string;
  readonly cause: string;
  readonly code?: FindingCode;
  readonly params?: MessageParams;
}

/** An IaC finding in words (report/words/iac-finding-words.ts), its message beside them as `code` and `params`. */
export type WordedIacFinding = Omit<IacFinding, 'message'> & {
  readonly message: string;
  readonly code: IacFindingCode;
  readonly params: MessageParams;
};

/** A matrix cause in words, as a finding. */
export type WordedCause = Omit<MatrixCause, 'message' | 'title' | 'cause' | 'fixes' | 'alternatives'> &
  FindingWordsAndData & {
    readonly fixes: readonly { readonly fix: WordedFix; readonly principals: readonly string[] }[];
  };

/** A fix in words (report/words/fix-words.ts), its message beside them as `code` and `params`. */
export type WordedFix = Omit<Fix, 'message' | 'summary' | 'verification'> & {
  readonly summary: string;
  readonly code?: FixCode;
  readonly params?: MessageParams;
  readonly verification: Omit<Fix['verification'], 'detail'> & { readonly detail: string };
};

/** The words of `value` when it is a report message; undefined otherwise. */
export function wordsOf(value: unknown): string | undefined {
  if (!isMessage(value)) return undefined;
  const words = MESSAGE_WORDS[value.code as ReportMessage['code']];
  return words ? words(value.params) : undefined;
}

function isMessage(value: unknown): value is Message {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 2 &&
    typeof (value as Message).code === 'string' &&
    typeof (value as Message).params === 'object' &&
    (value as Message).params !== null
  );
}
