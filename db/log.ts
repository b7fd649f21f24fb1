/**
 * The one levelled logger of the Node side (command line, server, Electron main).
 * It writes to stderr so that a command's stdout stays pure data that can be piped.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

let threshold: LogLevel = (process.env.HEALTHSCORE_LOG as LogLevel | undefined) ?? 'info';
let sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`);

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

/** Replaces where log lines go (tests capture them; Electron forwards them to a file). */
export function setLogSink(next: (line: string) => void): void {
  sink = next;
}

function write(level: Exclude<LogLevel, 'silent'>, message: string): void {
  if (ORDER[level] < ORDER[threshold]) return;
  sink(level === 'info' ? message : `${level}: ${message}`);
}

export const log = {
  debug: (message: string) => write('debug', message),
  info: (message: string) => write('info', message),
  warn: (message: string) => write('warn', message),
  error: (message: string) => write('error', message),
};

/** Runs `work`, then logs at info what it did and how long it took. */
export async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  log.info(`${what} (${Math.round(performance.now() - started)} ms)`);
  return result;
}
