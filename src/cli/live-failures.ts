import type { AccountModel } from '../model/index.js';

const PART_TEXT = {
  'scp-chain': 'the SCP chain is unknown, so every check it could restrict is incomplete',
  'model-availability': 'model access is unknown, so every check is incomplete',
  'bedrock-catalog': "the Region's models and inference profiles are not in the snapshot",
  'vpc-endpoints': "the bedrock-runtime VPC endpoints' policies are unknown, so every check is incomplete",
} as const;

/** One stderr line per read a live scan could not make, with what the account's results lack because of it. */
export function unreadableLines(account: AccountModel): string[] {
  return (account.unreadable ?? []).map(
    (failure) =>
      `policy-check: account ${account.accountId}: ${failure.api} failed (${failure.error}): ${PART_TEXT[failure.part]}`,
  );
}

/** Loads the bundled SDK's entry (dist/live.cjs), which only a live scan pays for. */
export async function liveScanModule() {
  // The bundled SDK is pinned (README): its notice that later versions need Node 22 is not the user's to act on.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return import('../sources/live/live-snapshot.js');
}
