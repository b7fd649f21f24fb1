/**
 * Where the desktop app finds its workspace: `--workspace <file>` (or
 * `--workspace=<file>`) on the command line, else the HEALTHSCORE_WORKSPACE
 * environment variable.
 */

const FLAG = '--workspace';

/** The workspace file the app was asked to open, or undefined when none was named. */
export function workspaceArgument(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === FLAG) {
      const next = argv[index + 1];
      if (next !== undefined && next !== '' && !next.startsWith('--')) return next;
    } else if (argument.startsWith(`${FLAG}=`)) {
      const value = argument.slice(FLAG.length + 1);
      if (value !== '') return value;
    }
  }
  const fromEnvironment = env.HEALTHSCORE_WORKSPACE;
  return fromEnvironment === undefined || fromEnvironment === '' ? undefined : fromEnvironment;
}
