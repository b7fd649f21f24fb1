import type { PingReply } from '../../core/api.ts';
import packageJson from '../../package.json' with { type: 'json' };

/** Answers with the application's version; the renderer uses it to check the backend is up. */
export async function ping(): Promise<PingReply> {
  return { version: packageJson.version };
}
