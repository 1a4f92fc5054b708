import { loadConfig } from './config.ts';
import { runWorkerProcess } from './worker-process.ts';

/** `npm run worker`: the same as `npm start -- --role worker`, without building the web app. */
await runWorkerProcess(loadConfig());
