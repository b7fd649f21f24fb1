import { describe, expect, it } from 'vitest';
import { workspaceArgument } from '../../electron/main/arguments.ts';

describe('workspaceArgument', () => {
  const cases: [string, string[], Record<string, string>, string | undefined][] = [
    ['--workspace <file>', ['electron', '.', '--workspace', 'team.duckdb'], {}, 'team.duckdb'],
    [
      '--workspace=<file>',
      ['electron', '.', '--workspace=/data/team.duckdb'],
      {},
      '/data/team.duckdb',
    ],
    ['a path with spaces', ['app', '--workspace', 'My Team/q3.duckdb'], {}, 'My Team/q3.duckdb'],
    ['the environment variable', ['app'], { HEALTHSCORE_WORKSPACE: 'env.duckdb' }, 'env.duckdb'],
    [
      'the argument over the environment',
      ['app', '--workspace', 'arg.duckdb'],
      { HEALTHSCORE_WORKSPACE: 'env.duckdb' },
      'arg.duckdb',
    ],
    ['nothing', ['app'], {}, undefined],
    ['an empty environment variable', ['app'], { HEALTHSCORE_WORKSPACE: '' }, undefined],
    ['a flag with no value at the end', ['app', '--workspace'], {}, undefined],
    ['a flag followed by another flag', ['app', '--workspace', '--inspect'], {}, undefined],
    [
      'an empty --workspace=',
      ['app', '--workspace='],
      { HEALTHSCORE_WORKSPACE: 'env.duckdb' },
      'env.duckdb',
    ],
    ['a look-alike flag', ['app', '--workspaces', 'x.duckdb'], {}, undefined],
  ];
  for (const [name, argv, env, expected] of cases) {
    it(`reads ${name}`, () => {
      expect(workspaceArgument(argv, env)).toBe(expected);
    });
  }
});
