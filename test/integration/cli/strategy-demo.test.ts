import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { memoryStream } from '../../support/memory-io';
import { runStrategyDemo } from '../../../scripts/strategy-demo';

/**
 * The README's strategy summaries, as a test: the CLI deploys to a CANARY service (healthy) and a
 * BLUE_GREEN service (its alarm fires in bake time) on the simulator, and writes the summaries shown there.
 */
test('scripts/strategy-demo.ts: a canary that succeeds and a blue/green that ECS rolls back', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strategy-demo-'));
  try {
    const out = memoryStream();
    const [canary, blueGreen] = await runStrategyDemo(dir, out);
    expect(canary).toMatch(/^## Deploy cms-canary: ✅ succeeded$/m);
    expect(canary).toContain('| PRODUCTION_TRAFFIC_SHIFT | 60 | 10 min 0 s | 5% |');
    expect(canary).toContain('| BAKE_TIME | 660 | 10 min 0 s | 100% |');
    expect(blueGreen).toMatch(/^## Deploy cms-bluegreen: ↩️ rolled-back$/m);
    expect(blueGreen).toContain(
      'CloudWatch alarm strapi-production-target-5xx went into ALARM; traffic is back on the previous revision (ROLLBACK_SUCCESSFUL). Rolled back to cms-bluegreen:1 by ECS.',
    );
    expect(blueGreen).toContain('| BAKE_TIME | 60 | 4 min 0 s | 100% |');
    expect(out.text).toContain(
      '[deploy] 1m00s CANARY PRODUCTION_TRAFFIC_SHIFT, production traffic 5% on the new revision',
    );
    expect(out.text).toContain('(exit code 0)');
    expect(out.text).toContain('(exit code 1)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
