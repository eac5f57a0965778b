/** An API call a live scan could not make, and what the account's results lack because of it. */
export interface LiveFailure {
  /** service:Operation, e.g. organizations:ListPoliciesForTarget. */
  readonly api: string;
  /** The error's name and message as the service returned them. */
  readonly error: string;
  readonly part: 'scp-chain' | 'model-availability' | 'bedrock-catalog' | 'vpc-endpoints';
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Runs one read; a failure is recorded and yields undefined. */
export async function attempt<T>(
  failures: LiveFailure[],
  api: string,
  part: LiveFailure['part'],
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    failures.push({ api, error: errorText(error), part });
    return undefined;
  }
}
