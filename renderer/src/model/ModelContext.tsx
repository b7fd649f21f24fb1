/**
 * The model being worked on, shared by every view: the config under edit with
 * its undo and redo history, the saved versions of the workspace, the version
 * the edit started from, and the version chosen to compare with.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { ApiError, ModelVersion } from '../../../core/api.ts';
import { DEFAULT_MODEL, type ModelConfig } from '../../../core/config.ts';
import { api } from '../api/client.ts';
import { describeActiveModel, type ActiveModel } from './activeModel.ts';

export interface SetConfigOptions {
  /** Changes with the same key in a row (one slider drag) make one undo step. */
  readonly coalesce?: string;
}

export interface ModelState {
  readonly config: ModelConfig;
  setConfig(config: ModelConfig, options?: SetConfigOptions): void;
  undo(): void;
  redo(): void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** The version last saved or restored; null while the edit starts from the default model. */
  readonly savedVersion: ModelVersion | null;
  /** The saved versions of the workspace, oldest first. */
  readonly versions: readonly ModelVersion[];
  /** Saves the config under a name; resolves to the error when the backend refused it. */
  saveVersion(name: string): Promise<ApiError | null>;
  /** Makes a saved version's config the one under edit (an undoable step). */
  restoreVersion(id: string): void;
  /** The id of the version to compare with; null for none. */
  readonly compareWith: string | null;
  setCompareWith(id: string | null): void;
}

interface History {
  readonly past: readonly ModelConfig[];
  readonly present: ModelConfig;
  readonly future: readonly ModelConfig[];
  readonly coalesce: string | null;
}

const UNDO_LIMIT = 200;

const ModelContext = createContext<ModelState | null>(null);

/** The shared model state; throws outside a ModelProvider. */
export function useModel(): ModelState {
  const state = useContext(ModelContext);
  if (state === null) throw new Error('useModel needs a ModelProvider above it');
  return state;
}

/** The model every view scores with, named against the version it started from. */
export function useActiveModel(): ActiveModel {
  const { config, savedVersion } = useModel();
  return useMemo(() => describeActiveModel(config, savedVersion), [config, savedVersion]);
}

/** The date a version took effect: the day it was saved, as `YYYY-MM-DD`. */
export function versionEffectiveDay(version: ModelVersion): string {
  return version.createdAt.slice(0, 10);
}

export function ModelProvider({ children }: { readonly children: ReactNode }) {
  const [history, setHistory] = useState<History>({
    past: [],
    present: DEFAULT_MODEL,
    future: [],
    coalesce: null,
  });
  const [versions, setVersions] = useState<readonly ModelVersion[]>([]);
  const [savedVersion, setSavedVersion] = useState<ModelVersion | null>(null);
  const [compareWith, setCompareWith] = useState<string | null>(null);

  useEffect(() => {
    void api.listVersions().then((result) => {
      if (result.ok) setVersions(result.value);
    });
  }, []);

  const setConfig = useCallback((config: ModelConfig, options: SetConfigOptions = {}) => {
    setHistory((current) => {
      if (config === current.present) return current;
      const key = options.coalesce ?? null;
      if (key !== null && key === current.coalesce) {
        return { ...current, present: config, future: [] };
      }
      return {
        past: [...current.past, current.present].slice(-UNDO_LIMIT),
        present: config,
        future: [],
        coalesce: key,
      };
    });
  }, []);

  const undo = useCallback(() => {
    setHistory((current) => {
      const previous = current.past[current.past.length - 1];
      if (previous === undefined) return current;
      return {
        past: current.past.slice(0, -1),
        present: previous,
        future: [current.present, ...current.future],
        coalesce: null,
      };
    });
  }, []);

  const redo = useCallback(() => {
    setHistory((current) => {
      const next = current.future[0];
      if (next === undefined) return current;
      return {
        past: [...current.past, current.present],
        present: next,
        future: current.future.slice(1),
        coalesce: null,
      };
    });
  }, []);

  const config = history.present;
  const saveVersion = useCallback(
    async (name: string): Promise<ApiError | null> => {
      const result = await api.saveVersion({ name, config });
      if (!result.ok) return result.error;
      setVersions((current) => [...current, result.value]);
      setSavedVersion(result.value);
      return null;
    },
    [config],
  );

  const restoreVersion = useCallback(
    (id: string) => {
      const version = versions.find((entry) => entry.id === id);
      if (version === undefined) return;
      setConfig(version.config);
      setSavedVersion(version);
    },
    [versions, setConfig],
  );

  const value = useMemo<ModelState>(
    () => ({
      config,
      setConfig,
      undo,
      redo,
      canUndo: history.past.length > 0,
      canRedo: history.future.length > 0,
      savedVersion,
      versions,
      saveVersion,
      restoreVersion,
      compareWith,
      setCompareWith,
    }),
    [
      config,
      setConfig,
      undo,
      redo,
      history,
      savedVersion,
      versions,
      saveVersion,
      restoreVersion,
      compareWith,
    ],
  );
  return <ModelContext.Provider value={value}>{children}</ModelContext.Provider>;
}
