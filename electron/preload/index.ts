/**
 * The preload: the only bridge between the sandboxed renderer and the main
 * process. It exposes `window.healthscore` with one named function per operation
 * of the contract, each invoking that operation's channel; the renderer never
 * gets ipcRenderer or any other Electron or Node object. It exports nothing, so
 * the bundle needs no CommonJS `exports` object in the sandbox.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld(
  'healthscore',
  createBridge((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
