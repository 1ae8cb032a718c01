/**
 * Entry point: start the model worker, create the store, render the page, then load the
 * model ?model= names or the default one (GPT-2 small when it needs no download, see
 * app/default-model.ts).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyConnectPolicy } from './app/csp';
import { readPageOptions } from './app/url-params';
import { chooseDefaultModel } from './app/default-model';
import { catalog, hubEndpointFrom } from './hub/catalog';
import { openCacheStorage } from './hub/model-cache';
import { registerOfflineWorker } from './offline/register';
import { parseShareState } from './share/url-state';
import { syncUrl } from './share/url-sync';
import { createAppStore, StoreProvider } from './store';
import { spawnModelWorker } from './worker/spawn';
import './app/styles.css';

applyConnectPolicy(hubEndpointFrom(location.search));
const options = readPageOptions(location.search);
// A shared link's prompt, sampling settings and view (see src/share/).
const linked = parseShareState(location.search);
const { prompt, temperature, topK, topP, seed } = linked;
const store = createAppStore({
  client: spawnModelWorker(),
  backends: options.backends,
  inputs: { prompt, temperature, topK, topP, seed },
});
syncUrl(store, linked);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App badBackend={options.badBackend} />
    </StoreProvider>
  </StrictMode>,
);

const chosen = options.model ?? (await chooseDefaultModel(catalog, { cache: await openCacheStorage() }));
void store.getState().actions.loadModel(chosen);
registerOfflineWorker();
