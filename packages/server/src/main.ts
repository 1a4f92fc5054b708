import { loadConfig } from './config.ts';
import { seedDemoIfEmpty } from './demo/seed-demo.ts';
import { startApp } from './start.ts';

const config = loadConfig();
const { svc, app } = await startApp(config);
const demo = config.SEED_DEMO === 'auto' ? await seedDemoIfEmpty(svc) : null;
await app.listen({ port: config.PORT, host: config.HOST });

const where = svc.store.dialect === 'sqlite' ? `SQLite at ${config.DATA_DIR}/closeloop.db` : 'PostgreSQL';
console.log(`\nCloseloop is running at ${config.publicUrl} (${where})`);
if (demo) {
  console.log(`Demo workspace seeded. Sign in as ${demo.email} / ${demo.password}`);
  for (const line of demo.extra) console.log(line);
}
console.log(`API docs: ${config.publicUrl}/api/docs\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await svc.ingest.worker.stop();
    await svc.jobs.stop();
    await svc.store.close();
    process.exit(0);
  });
}
