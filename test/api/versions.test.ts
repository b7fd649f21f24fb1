import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, type ModelConfig } from '../../core/config.ts';
import { createApiDispatcher } from '../../db/api/dispatch.ts';
import { getVersion, listVersions, saveVersion } from '../../db/versions.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';

function withUsageWeight(weight: number): ModelConfig {
  const rest = 100 - weight;
  return {
    ...DEFAULT_MODEL,
    layers: {
      usage: { weight },
      engagement: { weight: rest },
      relationship: { weight: 0 },
      outcome: { weight: 0 },
    },
  };
}

describe('model versions', () => {
  let workspace: Workspace;
  beforeEach(async () => {
    workspace = await openWorkspace(':memory:');
  });
  afterEach(() => workspace.close());

  it('lists nothing before anything is saved', async () => {
    expect(await listVersions(workspace)).toEqual([]);
  });

  it('keeps the config, the name (trimmed) and the moment of saving', async () => {
    const config = withUsageWeight(55);
    const saved = await saveVersion(
      workspace,
      { name: '  Usage heavy ', config, headline: null },
      new Date('2024-05-06T07:08:09.123Z'),
    );
    expect(saved.name).toBe('Usage heavy');
    expect(saved.createdAt).toBe('2024-05-06T07:08:09.123Z');
    // The stored config carries the version's name; everything else is unchanged.
    expect(saved.config).toEqual({ ...config, name: 'Usage heavy' });
    expect(await getVersion(workspace, saved.id)).toEqual(saved);
  });

  it('lists versions oldest first, whatever order they were saved in', async () => {
    await saveVersion(
      workspace,
      { name: 'later', config: withUsageWeight(60), headline: null },
      new Date('2024-03-01T00:00:00.000Z'),
    );
    await saveVersion(
      workspace,
      { name: 'earlier', config: withUsageWeight(30), headline: null },
      new Date('2024-01-01T00:00:00.000Z'),
    );
    const names = (await listVersions(workspace)).map((version) => version.name);
    expect(names).toEqual(['earlier', 'later']);
  });

  it('refuses a name already taken and an unknown id as user errors', async () => {
    await saveVersion(workspace, { name: 'v1', config: DEFAULT_MODEL, headline: null });
    await expect(
      saveVersion(workspace, { name: 'v1 ', config: DEFAULT_MODEL, headline: null }),
    ).rejects.toMatchObject({ kind: 'user', message: 'A version named "v1" already exists.' });
    await expect(getVersion(workspace, 'missing')).rejects.toMatchObject({ kind: 'user' });
  });

  it('saves through the API with a null headline when the workspace has no history', async () => {
    const dispatch = createApiDispatcher({ workspace });
    const saved = await dispatch('saveVersion', { name: 'first', config: DEFAULT_MODEL });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const version = saved.value as { id: string; headline: unknown };
    expect(version.headline).toBeNull();
    const listed = await dispatch('listVersions', {});
    expect(listed.ok && (listed.value as { id: string }[]).map((entry) => entry.id)).toEqual([
      version.id,
    ]);
    const refused = await dispatch('saveVersion', {
      name: 'bad',
      config: { ...DEFAULT_MODEL, rag: { greenFrom: 30, yellowFrom: 60 } },
    });
    expect(refused.ok).toBe(false);
  });
});
