import { loadConfig } from './config.ts';
import { seedDemoIfEmpty } from './demo/seed-demo.ts';
import { processRole } from './process-role.ts';
import { startApp } from './start.ts';
import { runWorkerProcess } from './worker-process.ts';

const config = loadConfig();
let role: ReturnType<typeof processRole>;
try {
  role = processRole(process.argv.slice(2), config);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

if (role === 'worker') {
  await runWorkerProcess(config);
} else {
  const { svc, app } = await startApp(config, role);
  const demo = config.SEED_DEMO === 'auto' ? await seedDemoIfEmpty(svc) : null;
  await app.listen({ port: config.PORT, host: config.HOST });

  const where = svc.store.dialect === 'sqlite' ? `SQLite at ${config.DATA_DIR}/closeloop.db` : 'PostgreSQL';
  const what = role === 'api' ? ' (API only: run workers beside it)' : '';
  console.log(`\nCloseloop is running at ${config.publicUrl}${what} (${where})`);
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
}
