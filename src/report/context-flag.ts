/** The CLI's way to give a request's value for `key`: the key's own option where it has one, else --context. */
export function contextFlag(key: string): string {
  return key.toLowerCase() === 'bedrock:servicetier' ? '--service-tier TIER' : `--context ${key}=…`;
}
