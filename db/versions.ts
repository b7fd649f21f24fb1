/**
 * Saved model versions: named model configs kept in the workspace with the
 * backtest headline they had when saved, so a calibration session can be
 * compared with, and restored from, any earlier one. A version took effect on
 * the day it was created.
 */
import { randomUUID } from 'node:crypto';
import { OperationError, type ModelVersion } from '../core/api.ts';
import { parseModelConfig, type ModelConfig } from '../core/config.ts';
import type { BacktestHeadline } from '../core/headline.ts';
import { toText, type Workspace } from './workspace.ts';

const CREATE_VERSIONS = `
CREATE TABLE IF NOT EXISTS model_versions (
  id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL UNIQUE,
  config VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  headline VARCHAR
)`;

// Timestamps leave DuckDB as text in ISO form, so no DuckDB value object escapes.
const SELECT_VERSIONS = `
SELECT id, name, config, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ'), headline
FROM model_versions`;

const INSERT_VERSION = `
INSERT INTO model_versions (id, name, config, created_at, headline)
VALUES ($id, $name, $config, CAST($createdAt AS TIMESTAMP), $headline)`;

async function ensureTable(workspace: Workspace): Promise<void> {
  await workspace.connection.run(CREATE_VERSIONS);
}

function versionFromRow(row: readonly unknown[]): ModelVersion {
  const [id, name, config, createdAt, headline] = row.map((value) =>
    toText((value ?? null) as string | null),
  );
  const parsed = parseModelConfig(JSON.parse(config ?? 'null'));
  if (!parsed.ok) {
    throw new Error(`Saved version ${id} holds an invalid config: ${parsed.errors.join('; ')}`);
  }
  return {
    id: id ?? '',
    name: name ?? '',
    config: parsed.config,
    createdAt: createdAt ?? '',
    headline: headline == null ? null : (JSON.parse(headline) as BacktestHeadline),
  };
}

/** Every saved version of the workspace, oldest first (ties by name). */
export async function listVersions(workspace: Workspace): Promise<ModelVersion[]> {
  await ensureTable(workspace);
  const reader = await workspace.connection.runAndReadAll(
    `${SELECT_VERSIONS} ORDER BY created_at, name`,
  );
  return reader.getRows().map(versionFromRow);
}

/** One saved version; a user error when no version has that id. */
export async function getVersion(workspace: Workspace, id: string): Promise<ModelVersion> {
  await ensureTable(workspace);
  const reader = await workspace.connection.runAndReadAll(`${SELECT_VERSIONS} WHERE id = $id`, {
    id,
  });
  const row = reader.getRows()[0];
  if (row === undefined) throw new OperationError('user', `No saved version has the id ${id}.`);
  return versionFromRow(row);
}

/**
 * Saves `config` under `name` (trimmed) with its backtest headline, stamped now.
 * A user error when the name is empty or already taken: names are how versions are
 * told apart in the workbench.
 */
export async function saveVersion(
  workspace: Workspace,
  version: { name: string; config: ModelConfig; headline: BacktestHeadline | null },
  now: Date = new Date(),
): Promise<ModelVersion> {
  await ensureTable(workspace);
  const name = version.name.trim();
  if (name === '') throw new OperationError('user', 'A version needs a name.');
  const taken = await workspace.connection.runAndReadAll(
    'SELECT count(*) FROM model_versions WHERE name = $name',
    { name },
  );
  if (Number(taken.getRows()[0]?.[0] ?? 0) > 0) {
    throw new OperationError('user', `A version named "${name}" already exists.`);
  }
  const saved: ModelVersion = {
    id: randomUUID(),
    name,
    config: { ...version.config, name },
    createdAt: now.toISOString(),
    headline: version.headline,
  };
  await workspace.connection.run(INSERT_VERSION, {
    id: saved.id,
    name,
    config: JSON.stringify(saved.config),
    createdAt: saved.createdAt.replace('T', ' ').replace('Z', ''),
    headline: saved.headline === null ? null : JSON.stringify(saved.headline),
  });
  return saved;
}
