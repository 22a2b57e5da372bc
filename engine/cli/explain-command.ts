/** `kubesim explain <scenario> --pod ns/name [--attempt N] [--json]`. */
import { explainJson, explainPod, explainText } from '../scenario/explain.js';
import { EXIT } from './errors.js';
import type { PrepareFlags } from './prepare.js';
import { prepareRun } from './prepare.js';

export interface ExplainFlags extends PrepareFlags {
  pod: string;
  attempt?: number;
  json?: boolean;
}

export async function explainCommand(file: string, flags: ExplainFlags): Promise<number> {
  const { scenario, options } = await prepareRun(file, flags);
  const record = explainPod(scenario, flags.pod, flags.attempt ?? 1, options);
  process.stdout.write(flags.json ? `${JSON.stringify(explainJson(record), null, 2)}\n` : explainText(record));
  return EXIT.ok;
}
